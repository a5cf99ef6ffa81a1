#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every
# test in the solution (unit, integration on a real port, end to end in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The scale-out tests start their own private redis-server and PostgreSQL (free loopback ports,
# temporary folders) and stop them afterwards; only the programs are needed here.
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# CJK fonts, so that Chinese text renders in the browser tests and screenshots.
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  # Where the packages started system-wide services, stop them: the tests use private instances.
  $sudo service redis-server stop >/dev/null 2>&1 || true
  $sudo service postgresql stop >/dev/null 2>&1 || true
fi

log=$(mktemp)
status=0
# One test project at a time (-m:1): the integration and browser tests each start servers, and on a
# 2-core machine running both at once starved the browser tests' circuits.
dotnet test LiveBoard.sln --nologo -m:1 2>&1 | tee "$log" || status=$?

# One closing line for any reader: "N passed, N failed".
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { gsub(",", "", p); printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $status
