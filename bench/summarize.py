#!/usr/bin/env python3
"""Reads bench/peers.sh's work folder and prints one line per tool: pages, wall time, pages/s, peak RSS, dead found."""
import csv, io, json, re, sys

work = sys.argv[1]
tools = sys.argv[2:] or ["siteaudit", "linkchecker", "linkinator"]
planted = int(re.search(r"(\d+) dead", open(f"{work}/site.txt").read()).group(1))

def timing(name):
    t = open(f"{work}/{name}.time").read()
    wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip()
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    return seconds, rss

rows = []
if "siteaudit" in tools:
  site = json.load(open(f"{work}/out/findings.json"))["sites"][0]
  dead = sum(1 for f in site["findings"] if f["rule"] == "link.dead")
  rows.append(("siteaudit", site["stats"]["pagesFetched"], dead))

if "linkchecker" in tools:
  text = open(f"{work}/linkchecker.out", encoding="utf-8", errors="replace").read()
  lines = [l for l in text.splitlines() if l and not l.startswith("#")]
  reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")
  urls, bad = set(), set()
  for r in reader:
      u = r.get("url") or r.get("urlname") or ""
      if r.get("valid", "").lower() in ("false", "0"): bad.add(u)
      elif u.endswith(".html") or u.endswith("/"): urls.add(u)
  rows.append(("linkchecker", len(urls), len(bad)))

if "linkinator" in tools:
  try:
      data = json.load(open(f"{work}/linkinator.out"))
      links = data.get("links", [])
      pages_li = len({l["url"] for l in links if l.get("state") == "OK" and (l["url"].endswith(".html") or l["url"].endswith("/"))})
      rows.append(("linkinator", pages_li, sum(1 for l in links if l.get("state") == "BROKEN")))
  except Exception as e:  # a crashed peer is reported, not hidden
      rows.append(("linkinator", 0, f"failed: {e}"))

print(f"planted dead links: {planted}")
print(f"{'tool':12} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9}  dead found")
for name, pages, dead in rows:
    seconds, rss = timing(name)
    print(f"{name:12} {pages:>7} {seconds:>8.1f} {pages / seconds if seconds else 0:>8.0f} {rss:>9.0f}  {dead}")
