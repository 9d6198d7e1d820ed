#!/usr/bin/env bash
# Benchmark 1 of the README: generate_session_key at 1, 8, 32 and 64 concurrent clients, measured in the
# same run as the liveness endpoint of the same server (Release build, SQLite, synchronous=FULL).
# Usage: bench/api/run.sh [seconds per endpoint and client count, default 10]. Prints a Markdown table.
# The server inherits the caller's environment, so runtime settings can be compared: DOTNET_gcServer=1 bench/api/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/BlazorKeyPortal -c Release -o "$work/app" -nologo -v quiet -clp:ErrorsOnly

port=$(( (RANDOM % 20000) + 30000 ))
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Development \
Database__ConnectionString="Data Source=$work/data/portal.db" \
TokenServer__KeyDirectory="$work/data/keys" \
TokenServer__AllowHttp=true \
Logging__LogLevel__Default=Warning \
  dotnet "$work/app/BlazorKeyPortal.dll" --urls "$base" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }

token=$(curl -s -u demo-full-access:demo-full-secret -d grant_type=client_credentials "$base/oauth2/token" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
generate="$base/api/command?action=generate_session_key&type=support&queue_id=team:1"

# wrk's latency lines read like "50%    1.23ms"; normalise to milliseconds.
ms() { awk -v p="$1" '$1==p { v=$2; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 }; printf "%.2f", v }'; }
# "123456 requests in 2.00s, ..." -> "123456 2.00"
count() { awk '/ requests in / { d=$4; sub(/s,?$/,"",d); print $1, d }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR]=$1 } END { print v[int((NR+1)/2)] }'; }
worst() { printf '%s\n' "$@" | sort -g | tail -1; }
errors() { echo $(( $(awk '/^FAILURES/ {print $2}' <<<"$1") + $(awk '/Socket errors/ { gsub(",",""); s=$4+$6+$8+$10 } END { print s+0 }' <<<"$1") )); }

# Warm up JIT, pools and the page cache; these keys are not counted.
wrk -t1 -c8 -d3s -H "Authorization: Bearer $token" "$generate" >/dev/null
wrk -t1 -c8 -d3s "$base/health/live" >/dev/null

# The machine's speed drifts within seconds (another tenant's load, the host's clock), so each cell takes turns:
# five slices of keys and five of liveness, alternating, each a fifth of the time. Both endpoints see the same
# machine, and the ratio compares like with like. Throughput is all requests over all slices' time; p50 is the
# median slice's, p99 the worst slice's.
slices=5
slice=$(( duration / slices > 0 ? duration / slices : 1 ))
echo "| clients | keys/s | p50 ms | p99 ms | errors | liveness req/s | liveness p99 ms | keys/s ÷ liveness |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for clients in 1 8 32 64; do
  threads=$(( clients < 2 ? 1 : 2 ))
  : >"$work/keys" ; : >"$work/live"
  k_p50=() ; k_p99=() ; l_p99=() ; k_errors=0
  for _ in $(seq 1 $slices); do
    keys=$(wrk -t$threads -c$clients -d${slice}s --latency -s bench/api/generate.lua -H "Authorization: Bearer $token" "$generate")
    live=$(wrk -t$threads -c$clients -d${slice}s --latency "$base/health/live")
    echo "$keys" | count >>"$work/keys"; echo "$live" | count >>"$work/live"
    k_p50+=("$(echo "$keys" | ms 50%)"); k_p99+=("$(echo "$keys" | ms 99%)"); l_p99+=("$(echo "$live" | ms 99%)")
    k_errors=$(( k_errors + $(errors "$keys") ))
  done
  k_rps=$(awk '{ n+=$1; t+=$2 } END { printf "%.0f", n/t }' "$work/keys")
  l_rps=$(awk '{ n+=$1; t+=$2 } END { printf "%.0f", n/t }' "$work/live")
  ratio=$(awk -v k="$k_rps" -v l="$l_rps" 'BEGIN { printf "%.1f%%", 100*k/l }')
  echo "| $clients | $k_rps | $(median "${k_p50[@]}") | $(worst "${k_p99[@]}") | $k_errors | $l_rps | $(worst "${l_p99[@]}") | $ratio |"
done

# The server stops here; its data directory goes with the work directory on exit.
kill "$server"; wait "$server" 2>/dev/null || true
