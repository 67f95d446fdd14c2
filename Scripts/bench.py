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


PAIRS_SQL = """
    WITH ob AS (SELECT order_id, sku, sum(quantity * unit_price) AS v FROM t GROUP BY order_id, sku),
    ov AS (SELECT order_id, sum(v) AS v FROM ob GROUP BY order_id),
    n AS (SELECT count(*) AS n FROM ov),
    item AS (SELECT sku, count(*) AS c FROM ob GROUP BY sku),
    pr AS (SELECT a.sku AS x, b.sku AS y, count(*) AS c, sum(ov.v) AS revenue
           FROM ob a JOIN ob b ON a.order_id = b.order_id AND a.sku < b.sku JOIN ov ON ov.order_id = a.order_id
           GROUP BY 1, 2)
    SELECT pr.x, pr.y, pr.c AS orders, pr.c / n.n AS support, pr.c / ix.c AS conf_xy, pr.c / iy.c AS conf_yx,
           pr.c * n.n / (ix.c * iy.c) AS lift, pr.c / n.n - (ix.c / n.n) * (iy.c / n.n) AS leverage,
           (1 - iy.c / n.n) / nullif(1 - pr.c / ix.c, 0) AS conviction, pr.c / greatest(ix.c, iy.c) AS attach, pr.revenue
    FROM pr CROSS JOIN n JOIN item ix ON ix.sku = pr.x JOIN item iy ON iy.sku = pr.y
    ORDER BY pr.c DESC, lift DESC LIMIT 50
"""


def bench_pairs(binary, lines, results):
    """Top-50 pairs with all metrics: upshell on its loaded dataset vs DuckDB's self-join SQL on its loaded table."""
    path = generate(lines)
    times, out, _ = run_upshell(binary, f'load "{path}" as b brief; pairs top=50')
    con = duck_table(path)
    duck = duck_time(con, PAIRS_SQL, repeat=2)
    duck_counts = [row[2] for row in con.execute(PAIRS_SQL).fetchall()]
    rows = out.splitlines()
    header = next(i for i, l in enumerate(rows) if l.startswith("item A,"))
    our_counts = [int(r.split(",")[2]) for r in rows[header + 1:header + 51]]
    same = "same 50 order counts" if our_counts == duck_counts else f"COUNTS DIFFER: {our_counts[:5]} vs {duck_counts[:5]}"
    results.append({"benchmark": f"pairs top=50, {lines:,} lines", "upshell_s": times[2], "peer": "duckdb self-join SQL",
                    "peer_s": duck, "ratio": times[2] / duck, "extra": f"target <= 0.5x; {same}"})


def groceries_baskets():
    path = os.path.join(SHARED, "datasets", "groceries.csv")
    with open(path, encoding="utf-8") as f:
        return path, [[x.strip() for x in line.split(",") if x.strip()] for line in f if line.strip()]


def bench_rules(binary, lines, results):
    """Rules on Groceries at 0.1 %/50 %: upshell's command time vs pyfim.arules timed in-process (best of 5 each)."""
    if any(r["benchmark"].startswith("rules groceries") for r in results):
        return
    import fim
    path, baskets = groceries_baskets()
    cmd = "; ".join(["rules min-support=0.1% min-confidence=50% top=5"] * 5)
    times, out, _ = run_upshell(binary, f'load "{path}" as g format=baskets brief; {cmd}')
    ours = min(times[2:])
    best, count = None, None
    for _ in range(5):
        t = time.perf_counter()
        r = fim.arules(baskets, supp=0.1, conf=50, zmin=2, report="scl", mode="o")
        d = time.perf_counter() - t
        best = d if best is None else min(best, d)
        count = len(r)
    proc = subprocess.run([binary, "--no-rc", "-c", f'load "{path}" as g format=baskets brief; rules min-support=0.1% min-confidence=50% top=1'],
                          capture_output=True, text=True)
    rules_line = [l for l in proc.stdout.splitlines() if "rules at" in l]
    results.append({"benchmark": "rules groceries 0.1%/50%", "upshell_s": ours, "peer": "pyfim arules (C, in-process)",
                    "peer_s": best, "ratio": ours / best,
                    "extra": f"target <= 1.5x; pyfim {count} rules; upshell {rules_line[0] if rules_line else '?'}"})


def bench_itemsets(binary, lines, results):
    """Frequent itemsets at min-support 0.01 %: upshell's time and peak memory; pyfim's count (and time) on the same baskets."""
    import fim
    path = generate(lines)
    times, out, peak = run_upshell(binary, f'load "{path}" as b brief; itemsets min-support=0.01% top=3')
    proc = subprocess.run([binary, "--no-rc", "-c", f'load "{path}" as b brief; itemsets min-support=0.01% top=1'],
                          capture_output=True, text=True)
    note = [l for l in proc.stdout.splitlines() if "frequent itemset" in l or "memory:" in l]
    con = duck_table(path)
    baskets = [b for (b,) in con.execute("SELECT list(DISTINCT sku) FROM t GROUP BY order_id").fetchall()]
    t = time.perf_counter()
    spectrum = fim.fpgrowth(baskets, supp=0.01, zmin=1, report="#")  # pattern spectrum {(size, support): count}
    peer = time.perf_counter() - t
    found = int(sum(spectrum.values()))
    results.append({"benchmark": f"itemsets 0.01%, {lines:,} lines", "upshell_s": times[2], "peer": "pyfim fpgrowth (count only)",
                    "peer_s": peer, "ratio": times[2] / peer,
                    "extra": f"pyfim {found:,} itemsets; upshell: {' '.join(note) if note else '?'}"})


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
    benches = {"load": bench_load, "metrics": bench_metrics, "pairs": bench_pairs, "rules": bench_rules, "itemsets": bench_itemsets}
    for name, fn in benches.items():
        if only and name not in only:
            continue
        for lines in sizes:
            fn(args.upshell, lines, results)
    print_results(results)


if __name__ == "__main__":
    main()
