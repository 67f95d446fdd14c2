"""Second method for `evaluate recommend` on the demo store (issue 16 protocol), plain Python.

Orders: paid orders of Datasets/demo/orders.csv (upshell's default cleaning keeps paid orders only);
product ids in order of first appearance among those lines (as upshell's order model numbers them).
cut = last order time - 30 days; training = orders before the cut; test = orders at or after it.
A query: a product p of a test order with >= 2 distinct products, p seen in training; context = the
order's other products. popular: products by training orders (desc), ties by id, context removed.
item-cf: cosine c/sqrt(a*b) over training orders, top 50 neighbours per product (by cosine, then
co-count desc, then id), a context's score = sum of its products' cosines, ranked by score, then summed
co-count desc, then id; a short list is filled with popular products. Hits at k=4.

Run: python3 Scripts/reference/demo_recommend_holdout.py
"""
import csv
import math
import os
from collections import defaultdict
from datetime import datetime, timedelta

K = 4
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def load():
    ids, orders, times = {}, defaultdict(set), {}
    with open(os.path.join(ROOT, "Datasets/demo/orders.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["status"] != "paid":
                continue
            pid = ids.setdefault(row["sku"], len(ids))
            orders[row["order_id"]].add(pid)
            times[row["order_id"]] = datetime.strptime(row["created_at"], "%Y-%m-%d %H:%M:%S")
    return ids, orders, times


def main():
    ids, orders, times = load()
    n = len(ids)
    cut = max(times.values()) - timedelta(days=30)
    train = [sorted(orders[o]) for o in orders if times[o] < cut]
    test = [sorted(orders[o]) for o in orders if times[o] >= cut]
    count = [0] * n
    co = defaultdict(int)
    for b in train:
        for i in b:
            count[i] += 1
        for x in range(len(b)):
            for y in range(x + 1, len(b)):
                co[(b[x], b[y])] += 1
                co[(b[y], b[x])] += 1
    neighbours = defaultdict(list)
    for (i, j), c in co.items():
        neighbours[i].append((c / math.sqrt(count[i] * count[j]), c, j))
    for i in neighbours:
        neighbours[i] = sorted(neighbours[i], key=lambda t: (-t[0], -t[1], t[2]))[:50]
    popular = sorted([i for i in range(n) if count[i] > 0], key=lambda i: (-count[i], i))
    queries = [([q for q in b if q != p], p) for b in test if len(b) >= 2 for p in b if count[p] > 0]

    def fill(lst, ctx):
        for p in popular:
            if len(lst) >= K:
                break
            if p not in ctx and p not in lst:
                lst.append(p)
        return lst

    hits_pop = hits_cf = 0
    for ctx, p in queries:
        hits_pop += p in fill([], set(ctx))
        score, evidence = defaultdict(float), defaultdict(int)
        for a in ctx:
            for s, c, j in neighbours[a]:
                if j in ctx:
                    continue
                score[j] += s
                evidence[j] += c
        ranked = sorted(score, key=lambda j: (-score[j], -evidence[j], j))[:K]
        hits_cf += p in fill(ranked, set(ctx))
    print(f"cut {cut}  training orders {len(train)}  test orders {len(test)}  queries {len(queries)}")
    print(f"popular hits {hits_pop}  hit@{K} {hits_pop / len(queries):.6f}")
    print(f"item-cf hits {hits_cf}  hit@{K} {hits_cf / len(queries):.6f}")


if __name__ == "__main__":
    main()
