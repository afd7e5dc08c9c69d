#!/usr/bin/env python3
"""render / identity from the medians of alternating runs, for a ratio that one noisy wall-time run cannot give.

usage: tests/tools/median-ratio.py BINARY [N] [RUNS]      (default: 1000 Deployments, 21 runs of each)

Builds the corpus with ../shared/bench/make-corpus and takes the Instrumentation and function config out of
../shared/bench/compare itself, so the two commands are exactly the benchmark's krm-otel-identity and
krm-otel-render. Runs them in turn RUNS times and prints the median elapsed and CPU (user + system, from wait4)
seconds of each, and their ratios.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
BENCH = os.path.join(os.path.dirname(ROOT), "shared", "bench")


def heredoc(script, name):
    return re.search(r'cat > "\$work/' + re.escape(name) + r"\" <<'YAML'\n(.*?)\nYAML\n", script, re.S).group(1) + "\n"


def main():
    binary = os.path.realpath(sys.argv[1])
    n = sys.argv[2] if len(sys.argv) > 2 else "1000"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    script = open(os.path.join(BENCH, "compare")).read()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([os.path.join(BENCH, "make-corpus"), n, os.path.join(work, "plain")], check=True, stdout=subprocess.DEVNULL)
        for name in ("otel.yaml", "config.yaml"):
            with open(os.path.join(work, name), "w") as f:
                f.write(heredoc(script, name))
        workloads = os.path.join(work, "plain", "workloads.yaml")
        commands = {
            "identity": [binary, "render", workloads],
            "render": [binary, "render", workloads, os.path.join(work, "otel.yaml"), "--config", os.path.join(work, "config.yaml")],
        }
        times = {k: [] for k in commands}
        with open(os.devnull, "w") as null:
            for _ in range(runs):
                for name, command in commands.items():
                    start = time.perf_counter()
                    child = subprocess.Popen(command, stdout=null, cwd=work)
                    _, status, usage = os.wait4(child.pid, 0)
                    if status != 0:
                        sys.exit(f"{name} failed: exit status {status}")
                    times[name].append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    med = {k: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v)) for k, v in times.items()}
    for name, (elapsed, cpu) in med.items():
        print(f"krm-otel-{name} median elapsed={elapsed:.3f}s cpu={cpu:.3f}s runs={runs}")
    print(f"ratio render/identity elapsed {med['render'][0] / med['identity'][0]:.2f} cpu {med['render'][1] / med['identity'][1]:.2f}")


if __name__ == "__main__":
    main()
