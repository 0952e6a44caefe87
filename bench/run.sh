#!/usr/bin/env bash
# Crawl benchmark on loopback: builds a generated portal, serves it with Python's threading HTTP server, audits it
# with ./siteaudit and reports wall time, pages/s and peak memory (RSS) from /usr/bin/time.
# Usage: bench/run.sh [PAGES] [PER_HOST]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${1:-5000}"
PER_HOST="${2:-8}"
WORK="$ROOT/bench/work"
rm -rf "$WORK" && mkdir -p "$WORK"
python3 "$ROOT/bench/make-site.py" "$WORK/site" "$PAGES"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
"$ROOT/siteaudit" --version >/dev/null   # build outside the measurement
/usr/bin/time -v -o "$WORK/time.txt" "$ROOT/siteaudit" audit --url "http://127.0.0.1:$PORT/" --name bench \
  --out "$WORK/out" --db "$WORK/bench.db" --max-pages 1000000 --per-host "$PER_HOST" ${RENDER:+--render "$RENDER"} >"$WORK/stdout.txt" 2>"$WORK/stderr.txt"
python3 - "$WORK" <<'PY'
import json, re, sys
work = sys.argv[1]
t = open(f"{work}/time.txt").read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip()
parts = [float(x) for x in wall.split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
site = json.load(open(f"{work}/out/findings.json"))["sites"][0]
pages = site["stats"]["pagesFetched"]
dead = sum(1 for f in site["findings"] if f["rule"] == "link.dead")
print(f"pages={pages} urls={site['stats']['linksChecked']} dead={dead} wall={seconds:.1f}s pages/s={pages / seconds:.0f} peakRSS={rss:.0f}MiB")
PY
