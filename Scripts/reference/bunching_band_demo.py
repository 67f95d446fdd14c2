#!/usr/bin/env python3
# Usage (from the package root): Scripts/.venv/bin/python Scripts/reference/bunching_band_demo.py
# Issue 14, item 8: the top-ups band for lumpy baskets (bunching_synthetic.top_up_band, docs/MODELS.md §1.4) on
# the demo store's threshold period (orders from 2025-06-01, free shipping from $50; order value = Σ quantity ×
# unit_price − discount over the lines of paid orders, as notch_bunching_reference.py), with the reach chosen by
# profile likelihood and fixed at $10 — reference values for BunchingBiasByThresholdTests and the transcript.
import csv, sys
from collections import defaultdict
import numpy as np
sys.path.insert(0, 'Scripts/reference')
from bunching_synthetic import estimate, top_up_band

rows = list(csv.DictReader(open('Datasets/demo/orders.csv')))
val = defaultdict(float); t = {}
for r in rows:
    if r['status'] in ('cancelled', 'refunded'): continue
    o = r['order_id']
    val[o] += float(r['quantity']) * float(r['unit_price']) - float(r['discount'])
    t[o] = min(t.get(o, r['created_at']), r['created_at'])
x = np.array([round(val[o], 2) for o in val if t[o] >= '2025-06-01'])
for label, reach in [('reach by profile likelihood', None), ('reach fixed at $10', 10.0)]:
    e = estimate(x, 50.0, reach=reach)
    lo, hi = top_up_band(e)
    print(f'demo, {label}: orders {len(x)} reach {e["reach"]:.2f} top-ups {e["top_ups"]:.3f} '
          f'dispersion {e["dispersion"]:.4f} band {lo:.3f} … {hi:.3f}')
