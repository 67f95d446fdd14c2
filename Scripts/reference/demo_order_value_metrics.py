#!/usr/bin/env python3
# Usage (from the package root): Scripts/.venv/bin/python Scripts/reference/demo_order_value_metrics.py
# Reference values for the demo-store tests (numpy/scipy), order value = Σ (quantity × unit_price − discount) over the
# lines of paid orders (cancelled/refunded dropped, duplicate lines kept: the order model's defaults).
import csv, numpy as np
from collections import defaultdict
from scipy import stats
rows = list(csv.DictReader(open('Datasets/demo/orders.csv')))
val = defaultdict(float); first = {}; t = {}
for r in rows:
    if r['status'] in ('cancelled', 'refunded'): continue
    o = r['order_id']
    val[o] += float(r['quantity']) * float(r['unit_price']) - float(r['discount'])
    first.setdefault(o, r)
    t[o] = min(t.get(o, r['created_at']), r['created_at'])
v = np.array(list(val.values()))
print('pct', list(np.percentile(v, [5, 10, 25, 50, 75, 90, 95, 99])), v.mean(), v.std(ddof=1))
A = np.array([val[o] for o in val if first[o]['variant'] == 'A']); B = np.array([val[o] for o in val if first[o]['variant'] == 'B'])
r = stats.ttest_ind(B, A, equal_var=False); ci = r.confidence_interval(0.95)
print('variant', len(A), len(B), A.mean(), B.mean(), r.statistic, r.df, r.pvalue, ci.low, ci.high)
print('mw', stats.mannwhitneyu(A, B, alternative='two-sided', method='asymptotic', use_continuity=True).pvalue)
q1 = np.array([val[o] for o in val if '2025-01' <= t[o][:7] <= '2025-03']); q2 = np.array([val[o] for o in val if '2026-01' <= t[o][:7] <= '2026-03'])
r = stats.ttest_ind(q2, q1, equal_var=False); ci = r.confidence_interval(0.95)
print('quarters', len(q1), len(q2), r.statistic, r.pvalue, ci.low, ci.high, stats.mannwhitneyu(q1, q2, method='asymptotic').pvalue)
b = stats.bootstrap((q1, q2), lambda a, b, axis=-1: b.mean(axis=axis) - a.mean(axis=axis), n_resamples=20000, method='percentile', random_state=np.random.default_rng(1))
print('boot', b.confidence_interval)
# Offers: paid orders holding a line of each offer type, and the revenue of those lines.
for kind in ('cross-sell', 'upsell'):
    orders = {r['order_id'] for r in rows if r['status'] not in ('cancelled', 'refunded') and r['offer'] == kind}
    revenue = sum(float(r['quantity']) * float(r['unit_price']) - float(r['discount']) for r in rows if r['status'] not in ('cancelled', 'refunded') and r['offer'] == kind)
    print('offer', kind, len(orders), round(revenue, 2), len(orders) / len(val), revenue / len(val))
# Attach: USB-C laptop 14in (CMP-004) → Laptop sleeve 14in (CMP-005) over paid orders.
items = defaultdict(set)
for r in rows:
    if r['status'] not in ('cancelled', 'refunded'): items[r['order_id']].add(r['sku'])
na = sum('CMP-004' in s for s in items.values()); nab = sum({'CMP-004', 'CMP-005'} <= s for s in items.values())
print('attach', na, nab, nab / na)
