"""Attempts to reproduce issue 16's Groceries figure (popular hit@10 0.1605 vs item-item cosine 0.1449,
leave-last-out) on Datasets/public/groceries.csv.gz. It does not reproduce it; it prints what the
plausible protocols give, so the gap is documented.

Baskets: one per line, distinct items in file order. Query: every basket with >= 2 items; its last item
held out, the others the context. popular: items by baskets holding them (desc), ties by name, context
removed. item-item cosine: c / sqrt(n_a * n_b) over every co-purchased item (no top-N cut), a context's score =
sum over its items, ranked by score, then summed co-count (desc), then name; context removed; no fill. Model on all baskets ("all"), or on all baskets but the query's own
("other": its co-counts and counts subtracted).

Run: python3 Scripts/reference/groceries_leave_last_out.py
"""
import collections
import gzip
import itertools
import math
import os

PATH = os.path.join(os.path.dirname(__file__), "..", "..", "Datasets/public/groceries.csv.gz")
K = 10


def main():
    baskets = []
    for line in gzip.open(PATH, "rt"):
        seen = []
        for x in line.strip().split(","):
            if x and x not in seen:
                seen.append(x)
        baskets.append(seen)
    count = collections.Counter(x for b in baskets for x in b)
    co = collections.defaultdict(dict)
    for b in baskets:
        for a, c in itertools.combinations(b, 2):
            co[a][c] = co[a].get(c, 0) + 1
            co[c][a] = co[c].get(a, 0) + 1
    for model in ("all", "other"):
        hits_pop = hits_cos = queries = 0
        for b in baskets:
            if len(b) < 2:
                continue
            queries += 1
            context, target, own = b[:-1], b[-1], set(b)
            minus = (lambda x: 1 if x in own else 0) if model == "other" else (lambda x: 0)
            popular = sorted(count, key=lambda x: (-(count[x] - minus(x)), x))
            hits_pop += target in [x for x in popular if x not in context][:K]
            score, evidence = collections.defaultdict(float), collections.defaultdict(int)
            for a in context:
                for y, n in co[a].items():
                    if y in context:
                        continue
                    n2, na, ny = n - minus(y), count[a] - minus(a), count[y] - minus(y)
                    if n2 > 0 and na > 0 and ny > 0:
                        score[y] += n2 / math.sqrt(na * ny)
                        evidence[y] += n2
            hits_cos += target in sorted(score, key=lambda y: (-score[y], -evidence[y], y))[:K]
        print(f"model on {model} baskets: {queries} queries, popular {hits_pop} hits, hit@{K} {hits_pop / queries:.4f}; "
              f"item-item cosine {hits_cos} hits, hit@{K} {hits_cos / queries:.4f}")


if __name__ == "__main__":
    main()
