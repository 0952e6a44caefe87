#!/usr/bin/env bash
# Side-by-side crawl benchmark on loopback: SiteAudit, linkchecker (Debian) and linkinator (npm) crawl the same
# generated portal served by nginx, one after the other, in one run. Prints pages/s, peak memory (RSS) and dead
# links found by each. Installs nginx/linkchecker (apt) and linkinator (npm, into bench/work) when missing.
# Usage: bench/peers.sh [PAGES]   (default 20000); TOOLS="siteaudit" (space-separated) runs only those tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${1:-20000}"
WORK="$ROOT/bench/work"
LINKINATOR_VERSION=7.6.1
TOOLS="${TOOLS:-siteaudit linkchecker linkinator}"
wants() { [[ " $TOOLS " == *" $1 "* ]]; }

need_apt=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
command -v linkchecker >/dev/null || need_apt+=(linkchecker)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -x "$WORK/npm/node_modules/.bin/linkinator" ]; then
  mkdir -p "$WORK/npm" && (cd "$WORK/npm" && npm init -y >/dev/null && npm install --silent "linkinator@$LINKINATOR_VERSION" >/dev/null)
fi

rm -rf "$WORK/site" "$WORK/out" "$WORK"/*.db* "$WORK"/*.txt
python3 "$ROOT/bench/make-site.py" "$WORK/site" "$PAGES" | tee "$WORK/site.txt"
# The generated files are still being written back to disk: let that finish and read them once, so the first tool
# measured does not pay for the page cache (the first measurement was otherwise ~30 % slower).
sync && find "$WORK/site" -type f -exec cat {} + >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/site;
    # linkchecker refuses more than 10 requests/s per host unless the server names it in this header.
    add_header LinkChecker "allowed";
  }
}
CONF
mkdir -p "$WORK/nginx/tmp"
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf"
trap '/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT/"
sleep 0.5

"$ROOT/siteaudit" --version >/dev/null   # build outside the measurement

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || true
}
# Like for like: the peers run no browser, so SiteAudit runs without one too (RENDER=auto measures the default,
# which starts Chromium once per site for the evidence screenshot).
wants siteaudit && measure siteaudit "$ROOT/siteaudit" audit --url "$URL" --name bench --out "$WORK/out" --db "$WORK/bench.db" \
  --max-pages 1000000 --per-host 16 --timeout 15 --render "${RENDER:-never}"
printf '[checking]\nthreads=10\nmaxrequestspersecond=1000\n[output]\nlog=csv\n' > "$WORK/linkcheckerrc"
wants linkchecker && measure linkchecker linkchecker -f "$WORK/linkcheckerrc" --no-status --verbose -o csv --check-extern "$URL"
wants linkinator && measure linkinator "$WORK/npm/node_modules/.bin/linkinator" "$URL" --recurse --concurrency 100 --retry --retry-errors --retry-errors-count 3 --format json

python3 "$ROOT/bench/summarize.py" "$WORK" $TOOLS
