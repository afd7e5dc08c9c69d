#!/usr/bin/env python3
"""Time against number of objects, krm-otel and kubectl kustomize, from ../shared/bench/compare.

usage: tests/tools/bench-plot.py BINARY [N ...]      (default N: 100 300 1000 3000 10000)

Runs `compare BINARY N` once per N (the same corpus and commands as the benchmark), writes the lines it printed
to docs/perf.csv and draws docs/perf.svg: seconds against Deployments, log-log, one line per run kind.
Needs nothing but Python's standard library (no plotting package is served here).
"""
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
COMPARE = os.path.join(os.path.dirname(ROOT), "shared", "bench", "compare")
SERIES = [  # (run name, colour, dashed)
    ("kustomize-patch", "#c0392b", False),
    ("kustomize-plain", "#e67e22", True),
    ("krm-otel-render", "#2471a3", False),
    ("krm-otel-identity", "#17a589", True),
    ("krm-otel-rl", "#7d3c98", True),
]


def measure(binary, sizes):
    rows = []
    for n in sizes:
        out = subprocess.run([COMPARE, binary, str(n)], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            m = re.match(r"(\S+) seconds=([\d.]+) max_rss_kib=(\d+) objects=(\d+)", line)
            if m:
                rows.append((n, m[1], float(m[2]), int(m[3])))
        print(out.strip(), flush=True)
    return rows


def svg(rows):
    w, h, left, right, top, bottom = 720, 440, 70, 170, 20, 50
    ns = sorted({n for n, *_ in rows})
    secs = [s for _, name, s, _ in rows if s > 0 and name != "krm-otel-empty"]
    x0, x1 = math.log10(ns[0]), math.log10(ns[-1])
    y0, y1 = math.floor(math.log10(min(secs))), math.ceil(math.log10(max(secs)))
    px = lambda n: left + (math.log10(n) - x0) / max(x1 - x0, 1e-9) * (w - left - right)
    py = lambda s: h - bottom - (math.log10(max(s, 10 ** y0)) - y0) / max(y1 - y0, 1e-9) * (h - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>']
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for n in ns:
        x = px(n)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 18}" text-anchor="middle">{n}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 10}" text-anchor="middle">Deployments (log scale)</text>')
    for i, (name, colour, dashed) in enumerate(SERIES):
        pts = sorted((n, s) for n, r, s, _ in rows if r == name)
        if not pts:
            continue
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        path = " ".join(f"{px(n):.1f},{py(s):.1f}" for n, s in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        out += [f'<circle cx="{px(n):.1f}" cy="{py(s):.1f}" r="3" fill="{colour}"/>' for n, s in pts]
        ly = top + 16 + i * 20
        out.append(f'<line x1="{w - right + 12}" y1="{ly - 4}" x2="{w - right + 36}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{w - right + 42}" y="{ly}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.realpath(sys.argv[1])
    sizes = [int(a) for a in sys.argv[2:]] or [100, 300, 1000, 3000, 10000]
    rows = measure(binary, sizes)
    docs = os.path.join(ROOT, "docs")
    os.makedirs(docs, exist_ok=True)
    with open(os.path.join(docs, "perf.csv"), "w") as f:
        f.write("deployments,run,seconds,max_rss_kib\n")
        f.writelines(f"{n},{name},{s},{kb}\n" for n, name, s, kb in rows)
    with open(os.path.join(docs, "perf.svg"), "w") as f:
        f.write(svg(rows))
    print("wrote docs/perf.csv and docs/perf.svg")


main()
