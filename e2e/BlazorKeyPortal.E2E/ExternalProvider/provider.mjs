// The company's OpenID Connect provider for the portal's browser tests: panva's oidc-provider on loopback.
//
//   node provider.mjs <state.json>
//
// state.json (written by the test before start; "users" may be rewritten at any time):
//   { "port": 41235, "portal": "http://127.0.0.1:41234", "clientId": "...", "clientSecret": "...",
//     "users": [ { "userName": "alice", "password": "...", "groups": ["helpdesk"] } ] }
//
// Users are read again from the file on every sign-in and every token, so a change of groups counts from the next
// sign-in, as at a real provider. Prints "listening <issuer>" once it accepts connections and stops when its
// standard input closes, so it never outlives the test that started it.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const statePath = process.argv[2];
if (!statePath) {
  console.error('usage: node provider.mjs <state.json>');
  process.exit(2);
}
const readState = () => JSON.parse(readFileSync(statePath, 'utf8'));
const state = readState();
const issuer = `http://127.0.0.1:${state.port}`;

// The sub is an opaque id (as at Entra ID or Keycloak), so a portal that shows it instead of the configured
// user-name claim is caught.
const subjectOf = (userName) => Buffer.from(`company-user:${userName}`).toString('base64url');
const userBySubject = (sub) => readState().users.find((u) => subjectOf(u.userName) === sub);
const userByName = (name) => readState().users.find((u) => u.userName === name);

const html = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body><main>${body}</main></body></html>`;

const configuration = {
  clients: [{
    client_id: state.clientId,
    client_secret: state.clientSecret,
    redirect_uris: [`${state.portal}/signin-oidc`],
    post_logout_redirect_uris: [`${state.portal}/signout-callback-oidc`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // ASP.NET Core's OpenID Connect handler sends the secret in the form body.
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    groups: ['groups'],
  },
  // Like Entra ID, Keycloak and AD FS, the ID token itself carries the user's claims (not only the UserInfo endpoint).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
  async findAccount(ctx, sub) {
    const user = userBySubject(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        // Read again here: the groups are those of the moment the token is issued.
        const current = userBySubject(sub) ?? user;
        return { sub, preferred_username: current.userName, name: current.displayName ?? current.userName, groups: current.groups ?? [] };
      },
    };
  },
  // The portal is the company's own application: no consent screen, as an administrator's consent would give.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile groups');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out · Company sign-in', `<h1>Sign out of the company's sign-in?</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out · Company sign-in', '<h1>You have signed out of the company\'s sign-in</h1>');
      },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error · Company sign-in', `<h1>Sign-in error</h1><pre>${html(JSON.stringify(out))}</pre>`);
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, error) => console.error('server_error', error));

function loginForm(uid, error) {
  return page('Company sign-in', `<h1>Company sign-in</h1>
${error ? `<p role="alert">${html(error)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}/login">
  <label for="username">Username</label> <input id="username" name="username" autocomplete="username" required>
  <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>`);
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The sign-in form: the only interaction, since consent is implied (loadExistingGrant).
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid || details.prompt.name !== 'login') {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`unexpected interaction ${details.prompt.name}`);
    return;
  }
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginForm(uid));
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await formBody(req);
    const user = userByName(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(loginForm(uid, 'Wrong user name or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: subjectOf(user.userName) } }, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(405).end();
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) {
    handle(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch((error) => {
    console.error('interaction failed', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error?.message ?? error));
  });
});
server.on('error', (error) => {
  console.error(`cannot listen on ${issuer}: ${error.message}`);
  process.exit(1);
});
server.listen(state.port, '127.0.0.1', () => console.log(`listening ${issuer}`));

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
