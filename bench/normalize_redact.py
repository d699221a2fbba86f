"""Time normalize() + redaction of a ~20 kB configuration, per catalogue platform.

Configurations come from the simulator's generator (realistic, secret-dense vendor syntax) at the
requested size.  Each platform is warmed up once (compiling its rules), then timed ``--repeat``
times; the minimum and the median are printed (the minimum is the figure least disturbed by other
load on the machine).

    .venv/bin/python bench/normalize_redact.py [--size 20000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import time

from netraven_core.configtext.normalize import normalize
from netraven_core.configtext.redact import Redactor
from netraven_core.plugins import Registry
from netraven_core.simulator.configgen import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000, help="configuration size in bytes")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    registry = Registry()
    t0 = time.perf_counter()
    redactor = Redactor(registry.redaction_rules)
    print(f"{len(registry.redaction_rules)} rules; Redactor() {1000 * (time.perf_counter() - t0):.2f} ms")
    print(f"{'platform':20} {'bytes':>6} {'compile':>8} {'normalize':>17} {'redact':>17} {'both':>17}")
    unit = f"{'min / median ms':>17}"
    print(f"{'':20} {'':>6} {'ms':>8} {unit} {unit} {unit}")
    for name, platform in sorted(registry.platforms.items()):
        text = generate(name, "sim-0001", seed=1, size=args.size).text
        t0 = time.perf_counter()
        redactor.redact(normalize(text, platform), name)  # compiles this platform's rules
        compile_ms = 1000 * (time.perf_counter() - t0)
        norm, red, both = [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            clean = normalize(text, platform)
            t1 = time.perf_counter()
            redactor.redact(clean, name)
            t2 = time.perf_counter()
            norm.append(t1 - t0)
            red.append(t2 - t1)
            both.append(t2 - t0)

        def fmt(xs: list[float]) -> str:
            return f"{1000 * min(xs):7.3f} / {1000 * statistics.median(xs):7.3f}"

        print(f"{name:20} {len(text):6d} {compile_ms:8.1f} {fmt(norm):>17} {fmt(red):>17} {fmt(both):>17}")


if __name__ == "__main__":
    main()
