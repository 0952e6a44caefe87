#!/usr/bin/env bash
# The worker's memory over several "nights": one long-lived `siteaudit worker` process audits a generated portal
# (make-site.py, served by nginx on loopback) on a schedule firing every 30 s, each run standing for a night (seconds: the run's start to end, reports included). Between
# nights the webmaster fixes some dead links (the missing PDFs appear), so history has something to resolve. After
# each run it prints the process's peak RSS during that run (VmHWM, reset before each run through
# /proc/PID/clear_refs), its RSS once the run is over, the run's duration, and the store's size.
# Usage: bench/worker-nights.sh [PAGES] [NIGHTS] [DB]    (defaults 5000, 5, an SQLite file; DB may be PostgreSQL)
# RENDER=auto|never (default never: the figures are the worker's own, without a browser's processes);
# APP=/path/siteaudit.dll runs that build instead of ./siteaudit's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${1:-5000}"
NIGHTS="${2:-5}"
WORK="${TMPDIR:-/tmp}/siteaudit-nights"
DB="${3:-$WORK/nights.db}"
rm -rf "$WORK" && mkdir -p "$WORK"

python3 "$ROOT/bench/make-site.py" "$WORK/site" "$PAGES" >"$WORK/site.txt"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$PORT; root $WORK/site; }
}
CONF
nginx -c "$WORK/nginx/nginx.conf"
APP="${APP:-$ROOT/.build/app/siteaudit.dll}"   # APP=path/to/siteaudit.dll measures another build
[ "$APP" != "$ROOT/.build/app/siteaudit.dll" ] || "$ROOT/siteaudit" --version >/dev/null   # build outside the measurement
grep -rhoE 'href="/uploads/[^"]+"' "$WORK/site" | sed -e 's/^href="//' -e 's/"$//' | sort -u >"$WORK/dead.txt"
printf 'sites:\n  - name: 青山县人民政府（基准）\n    url: http://127.0.0.1:%s/\n    profile: county-portal\n' "$PORT" >"$WORK/sites.yaml"

(cd "$WORK" && exec env SiteAudit__Probe__Schedule=off SiteAudit__Worker__HealthFile="$WORK/health" \
  dotnet "$APP" worker --sites sites.yaml --schedule "0/30 * * * * ?" --out out \
  --db "$DB" --max-pages 1000000 --per-host 8 --render "${RENDER:-never}" >"$WORK/worker.log" 2>&1) &
WORKER=$!
cleanup() { kill -TERM "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true; nginx -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$WORKER/status"; }
runs() { ls "$WORK/out/runs" 2>/dev/null | grep -v '^\.' | sort || true; }
echo "pages=$PAGES nights=$NIGHTS store=$([ "$DB" = "$WORK/nights.db" ] && echo sqlite || echo postgresql) worker pid=$WORKER"
printf '%-6s %-22s %-10s %8s %10s %12s %12s %10s\n' night run status seconds findings "peak MiB" "after MiB" "store MiB"
echo 5 >"/proc/$WORKER/clear_refs" 2>/dev/null || true
for night in $(seq 1 "$NIGHTS"); do
  while [ "$(runs | wc -l)" -lt "$night" ]; do
    kill -0 "$WORKER" 2>/dev/null || { echo "the worker died:"; tail -30 "$WORK/worker.log"; exit 1; }
    sleep 0.5
  done
  run="$(runs | tail -1)"
  peak=$(( $(kb VmHWM) / 1024 )); after=$(( $(kb VmRSS) / 1024 ))
  echo 5 >"/proc/$WORKER/clear_refs" 2>/dev/null || true   # the next night's peak starts from here
  read -r status seconds findings < <(python3 - "$WORK/out/runs/$run/findings.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); s = d["sites"][0]
from datetime import datetime
wall = (datetime.fromisoformat(d["run"]["finishedAt"]) - datetime.fromisoformat(d["run"]["startedAt"])).total_seconds()
print(s["status"], round(wall, 1), f'{len(s["findings"])}(+{sum(f["state"] == "new" for f in s["findings"])}/-{len(s["resolved"])})')
PY
)
  store=$( [ -f "$DB" ] && du -cm "$DB" "$DB-wal" 2>/dev/null | tail -1 | cut -f1 || echo "-" )  # SQLite: file and WAL
  printf '%-6s %-22s %-10s %8s %10s %12s %12s %10s\n' "$night" "$run" "$status" "$seconds" "$findings" "$peak" "$after" "$store"
  # The webmaster fixes a third of the missing attachments before the next night.
  awk -v n="$night" 'NR % 3 == n % 3' "$WORK/dead.txt" |
    while read -r f; do mkdir -p "$WORK/site$(dirname "$f")" && echo '%PDF-1.4' >"$WORK/site$f"; done
done
