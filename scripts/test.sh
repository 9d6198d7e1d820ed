#!/usr/bin/env bash
# Runs every test of BlazorKeyPortal: unit, component, integration and browser (e2e).
# Works on a fresh machine with the .NET SDK: installs what the tests need when it is missing
# (Debian's Chromium and Node.js for the browser tests, Debian's redis-server for the tests of several instances, the company provider's Node packages, the
# local .NET tools), then builds once and runs each test project in turn, and ends with one summary
# line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if [ -d e2e ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests..."
  apt_install chromium
fi

# The reverse-proxy tests run Debian's nginx in front of the portal (started and stopped by the tests themselves).
if [ -d e2e ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the reverse-proxy tests..."
  apt_install nginx-light
fi

# The tests of several instances start their own Redis (a child process on a free port).
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing Debian's Redis server for the tests of several instances..."
  apt_install redis-server
fi

# The browser tests run the company's OpenID Connect provider (panva's oidc-provider) under Node.js.
provider=e2e/BlazorKeyPortal.E2E/ExternalProvider
if [ -f "$provider/package-lock.json" ]; then
  if ! command -v node >/dev/null 2>&1; then
    echo "Installing Debian's Node.js and npm for the browser tests..."
    apt_install nodejs npm
  fi
  # oidc-provider 9 needs Node.js 20 or later (Debian 13 ships it; Debian 12's own nodejs is 18).
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "warning: Node.js $(node --version) is older than 20: the company provider's browser tests will fail; install Node.js 20 or later" >&2
  fi
  if [ ! -d "$provider/node_modules/oidc-provider" ]; then
    npm ci --prefix "$provider" --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi

dotnet tool restore >/dev/null
dotnet build BlazorKeyPortal.sln -c Release -nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
status=0
for project in tests/*/*.csproj e2e/*/*.csproj; do
  [ -f "$project" ] || continue
  echo "== $project"
  out=$(mktemp)
  if ! dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$out"; then
    status=1
  fi
  # A test host that dies (a crash, a kill) can leave dotnet test with no result line and exit code 0:
  # a project that reports no result has failed.
  if ! grep -qE '^(Passed|Failed)!' "$out"; then
    echo "$project reported no test result: its test host stopped before the end" >&2
    status=1
  fi
  cat "$out" >>"$log"
  rm -f "$out"
done

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit $status
