#!/usr/bin/env python3
"""Builds a static TRS-style county portal of N article pages for benchmarks (served from loopback only).

Usage: make-site.py DIR [PAGES] [SEED]   (default 5000 pages, seed 7; another seed plants other dead links)
Layout: / → /zwgk/ (section with the five statutory columns) → 20 column lists (paged index.html, index_1.html …)
→ articles /zwgk/<col>/YYYYMM/tYYYYMMDD_N.html; ~1% of articles link a missing attachment (the dead links to find).
"""
import os, random, sys

root = sys.argv[1]
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
cols = ["zfxxgkzn", "zfxxgkzd", "fdzdgknr", "zdgkml", "zfxxgknb"] + [f"col{i}" for i in range(15)]
names = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "主动公开基本目录", "政府信息公开年报"] + [f"栏目{i}" for i in range(15)]
head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{t}</title><link rel="stylesheet" href="/css/site.css"></head><body>'
nav = '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政府信息公开</a></div>'

def write(path, html):
    full = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(html)

write("/css/site.css", "body{font-family:sans-serif}")
write("/index.html", head.format(t="青山县人民政府") + nav + "<p>首页</p></body></html>")
write("/zwgk/index.html", head.format(t="政府信息公开") + nav + "".join(f'<a href="/zwgk/{c}/">{n}</a>' for c, n in zip(cols, names)) + "</body></html>")
dead = 0
per_col = pages // len(cols)
for c, n in zip(cols, names):
    items = []
    for i in range(per_col):
        y, m, d = 2025, random.randint(1, 12), random.randint(1, 28)
        url = f"/zwgk/{c}/{y}{m:02d}/t{y}{m:02d}{d:02d}_{i}.html"
        extra = ""
        if random.random() < 0.01:
            extra = f'<a href="/uploads/missing_{c}_{i}.pdf">附件</a>'
            dead += 1
        write(url, head.format(t=f"{n}文章{i}") + nav + f"<h1>{n}文章{i}</h1><p>{'正文' * 200}</p>{extra}<a href='../'>返回</a></body></html>")
        items.append(f'<li><a href="{url}" title="{n}文章{i}">{n}文章{i}</a><span>{y}-{m:02d}-{d:02d}</span></li>')
    chunks = [items[k:k + 20] for k in range(0, len(items), 20)] or [[]]
    for p, chunk in enumerate(chunks):
        name = "index.html" if p == 0 else f"index_{p}.html"
        pager = "".join(f'<a href="{"index.html" if q == 0 else f"index_{q}.html"}">{q + 1}</a>' for q in range(len(chunks)))
        write(f"/zwgk/{c}/{name}", head.format(t=n) + nav + "<ul>" + "".join(chunk) + "</ul>" + pager + "</body></html>")
print(f"{per_col * len(cols)} articles, {dead} dead attachment links")
