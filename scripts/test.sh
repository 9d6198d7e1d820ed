#!/usr/bin/env bash
# Runs every test of BlazorKeyPortal: unit, component, integration and browser (e2e).
# Works on a fresh machine with the .NET SDK: installs what the tests need when it is missing
# (Debian's Chromium for the browser tests, the local .NET tools), then builds once and runs each
# test project in turn, and ends with one summary line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -d e2e ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
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
