#!/usr/bin/env bash
# Many-site benchmark on loopback: SITES generated county portals (make-site.py, each with its own seed, so each
# plants other dead links), each served by nginx on a port of its own (a host of its own for the crawler's per-host
# limits), audited in one run from a sites file, as the nightly worker would. Prints wall time, pages/s, peak
# memory, dead links found against planted, and the busiest second any one site saw (requests/s, from nginx's
# access log), which shows the per-host limits held.
# Usage: bench/farm.sh [SITES] [ARTICLES_PER_SITE]   (default 40 sites × 500 articles)
# Environment: PER_HOST (default 2), DELAY_MS (default 100), PARALLEL_SITES (default 8), RENDER (default never).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITES="${1:-40}"
ARTICLES="${2:-500}"
PER_HOST="${PER_HOST:-2}"
DELAY_MS="${DELAY_MS:-100}"
PARALLEL_SITES="${PARALLEL_SITES:-8}"
WORK="$ROOT/bench/work/farm"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

rm -rf "$WORK" && mkdir -p "$WORK/nginx/tmp" "$WORK/logs"
BASE=$(python3 -c 'import socket
for p in range(20000, 60000, 97):
    ok = True
    for q in range(p, p + '"$SITES"'):
        s = socket.socket()
        try: s.bind(("127.0.0.1", q))
        except OSError: ok = False
        finally: s.close()
        if not ok: break
    if ok: print(p); break')
planted=0
{
  echo "sites:"
  for i in $(seq 0 $((SITES - 1))); do
    n=$(python3 "$ROOT/bench/make-site.py" "$WORK/site$i" "$ARTICLES" "$((100 + i))" | sed -E 's/.* ([0-9]+) dead.*/\1/')
    planted=$((planted + n))
    echo "  - name: 第${i}县人民政府"
    echo "    url: http://127.0.0.1:$((BASE + i))/"
  done
} > "$WORK/sites.yaml"
echo "$planted" > "$WORK/planted.txt"
sync && find "$WORK" -name "*.html" -exec cat {} + >/dev/null   # written back and cached before measuring

{
  echo "worker_processes 2; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { include /etc/nginx/mime.types; client_body_temp_path $WORK/nginx/tmp;"
  echo "  log_format t '\$server_port \$msec \$status';"
  for i in $(seq 0 $((SITES - 1))); do
    echo "  server { listen 127.0.0.1:$((BASE + i)); root $WORK/site$i; access_log $WORK/logs/access.log t; }"
  done
  echo "}"
} > "$WORK/nginx/nginx.conf"
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf"
trap '/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true' EXIT
sleep 0.5

"$ROOT/siteaudit" --version >/dev/null   # build outside the measurement
SiteAudit__Crawl__ParallelSites="$PARALLEL_SITES" /usr/bin/time -v -o "$WORK/time.txt" "$ROOT/siteaudit" audit --sites "$WORK/sites.yaml" \
  --out "$WORK/out" --db "$WORK/farm.db" --max-pages 1000000 --per-host "$PER_HOST" --delay-ms "$DELAY_MS" \
  --render "${RENDER:-never}" >"$WORK/stdout.txt" 2>"$WORK/stderr.txt" || true
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -s reopen 2>/dev/null || true

python3 - "$WORK" "$SITES" "$PER_HOST" "$DELAY_MS" "$PARALLEL_SITES" <<'PY'
import collections, json, re, sys
work, sites, per_host, delay, parallel = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
t = open(f"{work}/time.txt").read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip()
seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
report = json.load(open(f"{work}/out/findings.json"))
audited = [s for s in report["sites"] if s["status"] == "audited"]
pages = sum(s["stats"]["pagesFetched"] for s in report["sites"])
dead = sum(1 for s in report["sites"] for f in s["findings"] if f["rule"] == "link.dead")
planted = int(open(f"{work}/planted.txt").read())
per_second = collections.Counter()
for line in open(f"{work}/logs/access.log"):
    port, msec, _ = line.split()
    per_second[(port, int(float(msec)))] += 1
busiest = max(per_second.values()) if per_second else 0
print(f"sites={len(report['sites'])} audited={len(audited)} pages={pages} wall={seconds:.1f}s pages/s={pages / seconds:.0f} "
      f"peakRSS={rss:.0f}MiB dead={dead}/{planted} busiest-site-second={busiest} req/s "
      f"(per-host {per_host}, delay {delay} ms, {parallel} sites at a time)")
PY
