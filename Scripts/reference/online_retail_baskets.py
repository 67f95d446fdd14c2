#!/usr/bin/env python3
# Usage (from the package root): Scripts/.venv/bin/python Scripts/reference/online_retail_baskets.py
# Reference values for the Online Retail basket test (UpshellShellTests/OnlineRetailBasketTests), computed
# without upshell: pandas for the cleaning and a plain Apriori (count >= ceil(s*N), rules with one consequent
# and rule support = support of antecedent + consequent, as arules and pyfim) for itemsets and rules.
# Cleaning as Tests/References/README.md: drop invoices starting with C or A, quantity <= 0, unit price <= 0.
# Non-product codes: the reference's list (POST D M DOT BANK CHARGES AMAZONFEE CRUK C2 B S PADS, any case).
# Under items=upper (upper-cased codes) this reproduces Tests/References/online_retail/summary.json (pyfim):
# 19,773 baskets, 3,803 items, 2,026 / 395 itemsets, 888 / 58 / 12 rules; the other variants are upshell's
# default (exact codes) and 'clean non-product=keep'. Takes a few minutes.
import itertools, math
import pandas as pd

NONPRODUCT = {"POST", "D", "M", "DOT", "BANK CHARGES", "AMAZONFEE", "CRUK", "C2", "B", "S", "PADS"}
df = pd.read_csv('Datasets/public/online_retail.csv.gz', dtype={'InvoiceNo': str, 'StockCode': str})
c = df[~df.InvoiceNo.str.upper().str.startswith(('C', 'A')) & (df.Quantity > 0) & (df.UnitPrice > 0)]
print("lines", len(c), "invoices", c.InvoiceNo.nunique())
flag = c.StockCode.str.upper().isin(NONPRODUCT)
print("non-product lines", int(flag.sum()), "codes", c[flag].StockCode.value_counts().to_dict())
print("orders holding a non-product", c[flag].InvoiceNo.nunique(),
      "holding nothing else", c.InvoiceNo.nunique() - c[~flag].InvoiceNo.nunique())


def apriori(baskets, minimum):
    """Every itemset in at least `minimum` baskets, with its count."""
    counts = {}
    for b in baskets:
        for i in b:
            counts[i] = counts.get(i, 0) + 1
    level = {frozenset([i]): n for i, n in counts.items() if n >= minimum}
    found, k = dict(level), 1
    while level:
        k += 1
        candidates = {a | b for a, b in itertools.combinations(level, 2) if len(a | b) == k}
        candidates = {x for x in candidates if all(frozenset(s) in level for s in itertools.combinations(x, k - 1))}
        if not candidates:
            break
        counted = dict.fromkeys(candidates, 0)
        useful = set().union(*candidates)
        for b in baskets:
            inside = b & useful
            if len(inside) >= k:
                for x in itertools.combinations(sorted(inside), k):
                    if frozenset(x) in counted:
                        counted[frozenset(x)] += 1
        level = {x: n for x, n in counted.items() if n >= minimum}
        found.update(level)
    return found


def report(label, lines, codes):
    baskets = lines.assign(code=codes).groupby('InvoiceNo')['code'].apply(frozenset).tolist()
    n = len(baskets)
    print(label, "baskets", n, "items", len(set().union(*baskets)))
    for s in (0.01, 0.02):
        sets = apriori(baskets, math.ceil(s * n - 1e-9))
        rules = {conf: sum(1 for x, k in sets.items() if len(x) > 1 for y in x if k / sets[x - {y}] >= conf - 1e-12)
                 for conf in (0.5, 0.7)}
        print(label, f"support {s:.0%}: itemsets {len(sets)}, rules at 50% {rules[0.5]}, at 70% {rules[0.7]}")


p = c[~flag]
report("default (exact codes, non-products out)", p, p.StockCode)
report("items=upper (non-products out)", p, p.StockCode.str.upper())
report("non-product=keep (exact codes)", c, c.StockCode)
