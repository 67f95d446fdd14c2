#!/usr/bin/env python3
"""upshell benchmarks against DuckDB and pyfim, measured in one run on this machine.

Each benchmark times the work inside the process on both sides (upshell's `timer on`, the peer's
perf_counter around its call), so start-up is excluded, and reports the ratio upshell / peer.
Data: order-line CSVs generated deterministically by DuckDB SQL (seeded), 8 columns.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, ".bench-data")
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))


def generate(lines):
    """Writes an order-line CSV with `lines` lines (about 73 bytes each); returns its path."""
    import duckdb
    path = os.path.join(DATA, f"orders_{lines}.csv")
    if os.path.exists(path):
        return path
    os.makedirs(DATA, exist_ok=True)
    con = duckdb.connect()
    # Deterministic: pseudo-random numbers come from hashes of the line number, not from random().
    # About 4.3 lines per order; product popularity is skewed (cube of a uniform); prices fixed per product.
    con.execute(f"""
        COPY (
          SELECT
            'O' || lpad(CAST(o AS VARCHAR), 8, '0') AS order_id,
            'C' || CAST(hash(o, 17) % 200000 AS VARCHAR) AS customer_id,
            TIMESTAMP '2023-01-01 00:00:00' + to_seconds(CAST(o * 37 AS BIGINT)) AS created_at,
            'SKU' || lpad(CAST(p AS VARCHAR), 5, '0') AS sku,
            'Product ' || CAST(p AS VARCHAR) AS product_name,
            1 + CAST(floor(pow((hash(i, 3) % 1000000) / 1e6, 4) * 5) AS INT) AS quantity,
            round(5 + (p * 7919 % 20000) / 100.0, 2) AS unit_price,
            ['GB','FR','DE','NL','US','ES'][1 + CAST(hash(o, 5) % 6 AS INT)] AS country
          FROM (SELECT i, CAST(floor(i / 4.3) AS BIGINT) AS o,
                       CAST(floor(pow((hash(i, 11) % 1000000) / 1e6, 3) * 5000) AS INT) AS p
                FROM range({lines}) t(i))
          ORDER BY i
        ) TO '{path}' (HEADER, DELIMITER ',')
    """)
    return path


class _PeakPopen(subprocess.Popen):
    """Popen that records the child's own peak resident memory (wait4), not the cumulative maximum."""

    def _try_wait(self, wait_flags):
        try:
            pid, sts, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        if pid == self.pid:
            self._upshell_peak = usage.ru_maxrss * 1024
        return (pid, sts)


subprocess.Popen = _PeakPopen


def run_upshell(binary, commands):
    """Runs upshell -c with timer on; returns (seconds per command, stdout, peak RSS bytes)."""
    proc = subprocess.Popen([binary, "--no-rc", "--format", "csv", "-c", "timer on; " + commands],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    # communicate() has reaped the child; its own peak comes from the rusage of that wait.
    peak = getattr(proc, "_upshell_peak", None)
    if proc.returncode != 0:
        sys.exit(f"upshell failed:\n{err}")
    times = [float(t) for t in re.findall(r"time: ([0-9.]+) s", err)]
    return times, out, peak


def duck_time(con, sql, repeat=1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        con.execute(sql).fetchall()
        d = time.perf_counter() - t
        best = d if best is None else min(best, d)
    return best


def bench_load(binary, lines, results):
    import duckdb
    path = generate(lines)
    size = os.path.getsize(path)
    times, out, peak = run_upshell(binary, f'load "{path}" as b brief; datasets')
    load_s = times[1]
    memory = None
    for row in out.strip().splitlines()[1:]:
        cols = row.split(",")
        if cols and cols[0].rstrip(" *") == "b":
            memory = int(float(cols[-2]))
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv_auto('{path}')")
    duck_s = time.perf_counter() - t
    results.append({
        "benchmark": f"load {lines:,} lines ({size / 1e6:.0f} MB)",
        "upshell_s": load_s, "peer": "duckdb read_csv_auto", "peer_s": duck_s, "ratio": load_s / duck_s,
        "extra": (f"peak RSS {peak / 1e6:.0f} MB ({peak / size:.2f}x file)" if peak else "peak RSS n/a")
                 + (f", {memory / lines:.1f} B/line held by the dataset" if memory else ""),
    })


def duck_table(path):
    """A DuckDB connection with the order lines loaded as table t (as read_csv_auto types them)."""
    import duckdb
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv_auto('{path}')")
    return con


AOV_BY_MONTH_SQL = """
    SELECT date_trunc('month', ts) AS month, count(*) AS orders, sum(v) AS revenue, sum(v) / count(*) AS aov,
           sum(u) / count(*) AS units_per_order
    FROM (SELECT order_id, min(created_at) AS ts, sum(quantity * unit_price) AS v, sum(quantity) AS u
          FROM t GROUP BY order_id)
    GROUP BY month ORDER BY month
"""

RFM_SQL = """
    WITH orders AS (
      SELECT order_id, any_value(customer_id) AS customer_id, min(created_at) AS ts, sum(quantity * unit_price) AS v
      FROM t GROUP BY order_id),
    c AS (
      SELECT customer_id, date_diff('day', max(ts), (SELECT max(ts) FROM orders) + INTERVAL 1 DAY) AS recency,
             count(*) AS frequency, sum(v) AS monetary
      FROM orders GROUP BY customer_id),
    s AS (
      SELECT customer_id,
             1 + least(4, floor(5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER ())) AS r,
             1 + least(4, floor(5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER ())) AS f,
             1 + least(4, floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ())) AS m
      FROM c)
    SELECT r, f, count(*) FROM s GROUP BY r, f ORDER BY r, f
"""


def bench_metrics(binary, lines, results):
    """aov by month and segment rfm: upshell on its loaded dataset vs DuckDB SQL on its loaded table."""
    path = generate(lines)
    times, _, _ = run_upshell(binary, f'load "{path}" as b brief; aov by month; segment rfm')
    con = duck_table(path)
    duck_aov = duck_time(con, AOV_BY_MONTH_SQL, repeat=3)
    duck_rfm = duck_time(con, RFM_SQL, repeat=3)
    results.append({"benchmark": f"aov by month, {lines:,} lines", "upshell_s": times[2], "peer": "duckdb SQL (group orders, then months)",
                    "peer_s": duck_aov, "ratio": times[2] / duck_aov, "extra": "target <= 0.5x"})
    results.append({"benchmark": f"segment rfm, {lines:,} lines", "upshell_s": times[3], "peer": "duckdb SQL (orders, customers, rank quintiles)",
                    "peer_s": duck_rfm, "ratio": times[3] / duck_rfm, "extra": "target <= 0.5x"})


def bench_pricing(binary, lines, results):
    """Pricing what-ifs on the loaded bench file (no fee column: fee=4.95 given; no costs: 40% margin):
    a single threshold what-if (detection, calibration, expectations, 200-draw customer bootstrap, parameter
    corners) and a 17-point threshold sweep with 1,000 bootstrap draws. Targets from the issue: 0.2 s and 5 s
    at 10M lines; the 'peer' column holds the target."""
    path = generate(lines)
    times, _, _ = run_upshell(binary, f'load "{path}" as b brief; threshold 50 fee=4.95; '
                                      f'sweep threshold 20..100 step=5 fee=4.95 draws=1000; tiers 29 79 199; '
                                      f'discount addon "Product 1" 10%')
    results.append({"benchmark": f"threshold what-if, {lines:,} lines", "upshell_s": times[2], "peer": "target 0.2 s",
                    "peer_s": 0.2, "ratio": times[2] / 0.2, "extra": "200 bootstrap draws, 8 parameter corners"})
    results.append({"benchmark": f"17-point threshold sweep, 1,000 draws, {lines:,} lines", "upshell_s": times[3], "peer": "target 5 s",
                    "peer_s": 5.0, "ratio": times[3] / 5.0, "extra": "draws shared by all points"})
    results.append({"benchmark": f"tiers 29/79/199, {lines:,} lines", "upshell_s": times[4], "peer": "target 0.2 s",
                    "peer_s": 0.2, "ratio": times[4] / 0.2, "extra": "fallback m from all units sold"})
    results.append({"benchmark": f"discount addon, {lines:,} lines", "upshell_s": times[5], "peer": "target 0.2 s",
                    "peer_s": 0.2, "ratio": times[5] / 0.2, "extra": "attach, pull-in, 200 draws"})


def print_results(results):
    print(f"{'benchmark':44} {'upshell':>9} {'peer':>9}  {'ratio':>6}  peer / notes")
    for r in results:
        print(f"{r['benchmark']:44} {r['upshell_s']:8.3f}s {r['peer_s']:8.3f}s  {r['ratio']:5.2f}x  {r['peer']}; {r.get('extra', '')}")
    with open(os.path.join(DATA, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--upshell", required=True)
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    benches = {"load": bench_load, "metrics": bench_metrics, "pricing": bench_pricing}
    for name, fn in benches.items():
        if only and name not in only:
            continue
        for lines in sizes:
            fn(args.upshell, lines, results)
    print_results(results)


if __name__ == "__main__":
    main()
