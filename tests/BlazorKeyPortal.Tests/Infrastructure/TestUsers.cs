using System.Security.Claims;
using BlazorKeyPortal.Features.SignIn;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>Signed-in portal users for tests, shaped as the OIDC sign-in makes them (preferred_username, role claims).</summary>
public static class TestUsers
{
    public const string Scheme = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";

    public static ClaimsPrincipal Supervisor(string name = "sam") => User(name, PortalRoles.Supervisor);

    public static ClaimsPrincipal Agent(string name = "agent") => User(name, PortalRoles.Agent);

    public static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("preferred_username", name), .. roles.Select(r => new Claim("role", r))],
            Scheme, "preferred_username", "role"));

    /// <summary>Requests of this client are signed in as <paramref name="name"/> with <paramref name="roles"/>.</summary>
    public static HttpClient SignedIn(this HttpClient client, string name, params string[] roles)
    {
        client.DefaultRequestHeaders.Add(UserHeader, name);
        client.DefaultRequestHeaders.Add(RolesHeader, string.Join(',', roles));
        return client;
    }
}
