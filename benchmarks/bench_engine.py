"""Benchmark of the date engine: every day of the period at once, against a fold per day.

Run: ``python benchmarks/bench_engine.py`` (writes docs/performance-engine.md).
Reports medians of several runs; the machine is shared and noisy, so compare ratios.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

from _timing import median_seconds

from treatymaps import daily_states, load_record, state_on
from treatymaps.engine import steps

RUNS = 7
SAMPLE_DAYS = 200  # the naive fold is too slow to run on all 18,627 days every time


def naive_fold(record, day: dt.date) -> dict[str, dict[str, str]]:
    """What the engine avoids: fold every provision again for each day asked."""
    state: dict[str, dict[str, str]] = {u: {} for u in record.unit_ids}
    for provision in record.provisions:
        if provision.date.day > day:
            break
        for unit in record.parts(provision.unit):
            state[unit].update(provision.sets)
    return state


def main() -> int:
    record = load_record()
    start = time.perf_counter()
    steps(record)
    compile_time = time.perf_counter() - start
    all_days = median_seconds(lambda: daily_states(record), RUNS)
    n_days = len(daily_states(record).days)
    first = dt.date(1895, 1, 1)
    sample = [first + dt.timedelta(days=i * (n_days // SAMPLE_DAYS)) for i in range(SAMPLE_DAYS)]
    naive = median_seconds(lambda: [naive_fold(record, d) for d in sample], runs=3)
    naive_all = naive / SAMPLE_DAYS * n_days
    one_day = median_seconds(lambda: state_on(record, "1905-09-05"), runs=RUNS)
    lines = [
        "# Performance: the date engine",
        "",
        "Written by `benchmarks/bench_engine.py`; figures are medians of "
        f"{RUNS} runs on this machine ({os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.machine()}). The machines are shared and noisy:"
        " read the ratios rather than the last digit.",
        "",
        f"Record: {len(record.units)} units, {len(record.provisions)} provisions.",
        "",
        "| what | median |",
        "|---|---|",
        f"| compile the record into steps (once per record) | {compile_time * 1000:.1f} ms |",
        f"| every unit on all {n_days:,} days (`daily_states`) | {all_days * 1000:.1f} ms |",
        f"| one day as a GeoDataFrame (`state_on`) | {one_day * 1000:.1f} ms |",
        f"| a naive fold per day, {SAMPLE_DAYS} days sampled, scaled to {n_days:,} days | "
        f"{naive_all * 1000:.0f} ms |",
        "",
        f"All {n_days:,} days take {all_days * 1000:.1f} ms (target: well under 1 s), "
        f"{naive_all / all_days:.0f} times faster than folding the provisions again for each "
        "day.",
        "",
    ]
    out = Path(__file__).resolve().parents[1] / "docs" / "performance-engine.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if all_days < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
