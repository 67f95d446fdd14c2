#!/usr/bin/env python3
# Usage (from the package root): Scripts/.venv/bin/python Scripts/reference/notch_bunching_reference.py
# A second, independent implementation of the notch-bunching estimator of docs/MODELS.md §1.4 (numpy/scipy; the
# Poisson fits by scipy's trust-region Newton on the log-likelihood, not IRLS), run on the demo store's threshold
# period (orders from 2025-06-01, when free shipping from $50 started; order value = Σ quantity × unit_price − discount
# over the lines of paid orders). Prints R̂, π̂0, N̂ and the share within $10 below T = N̂ ÷ Σ f̂ over [T − 10, T), for
# the reach chosen by profile likelihood and for the reach fixed at $10 — reference values for the tests of issue 14,
# item 7.
import csv, math
from collections import defaultdict
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

rows = list(csv.DictReader(open('Datasets/demo/orders.csv')))
val = defaultdict(float); t = {}
for r in rows:
    if r['status'] in ('cancelled', 'refunded'): continue
    o = r['order_id']
    val[o] += float(r['quantity']) * float(r['unit_price']) - float(r['discount'])
    t[o] = min(t.get(o, r['created_at']), r['created_at'])
x = np.array([round(val[o], 2) for o in val if t[o] >= '2025-06-01'])

T0, b = 50.0, 1.0
first, last = math.ceil((0.3 * T0 - T0) / b), math.floor((2.5 * T0 - T0) / b)
lower = T0 + b * np.arange(first, last)                      # lower edges, T0 an edge
k = np.floor((np.round(x * 100) - round(T0 * 100)) / round(b * 100)).astype(int) - first
c = np.bincount(k[(k >= 0) & (k < len(lower))], minlength=len(lower)).astype(float)
u = np.log((lower + b / 2) / T0)
X = np.vstack([u ** j for j in range(4)]).T                   # degree-3 polynomial in ln(x/T0)
tb = int(round((T0 - lower[0]) / b))                          # index of the bin starting at T0

def fit(obs, start):
    """Poisson ML of θ; obs = [(count, [(bin, weight)…])], mean of an observation = Σ weight·exp(X_bin·θ)."""
    def nll(th):
        f = np.exp(X @ th); s = 0.0; g = np.zeros(4); h = np.zeros((4, 4))
        for cnt, terms in obs:
            mu = sum(w * f[i] for i, w in terms)
            dmu = sum(w * f[i] * X[i] for i, w in terms)
            d2 = sum(w * f[i] * np.outer(X[i], X[i]) for i, w in terms)
            s += mu - cnt * math.log(mu) + gammaln(cnt + 1)
            g += dmu * (1 - cnt / mu)
            h += d2 * (1 - cnt / mu) + np.outer(dmu, dmu) * cnt / mu ** 2
        return s, g, h
    r = minimize(lambda th: nll(th)[0], start, jac=lambda th: nll(th)[1], hess=lambda th: nll(th)[2],
                 method='trust-exact', options={'gtol': 1e-9})
    return r.x, -r.fun

start = np.array([math.log(c.mean() + 1), 0, 0, 0])
hi_excl, up = 1.4 * T0, 1
theta = start
for _ in range(3):                                            # step 3: excess region, three passes
    keep = [i for i in range(len(c)) if not (0.6 * T0 - 1e-9 <= lower[i] < hi_excl - 1e-9)]
    theta, _ = fit([(c[i], [(i, 1.0)]) for i in keep], theta)
    f = np.exp(X @ theta)
    cum = np.cumsum([c[i] - f[i] for i in range(tb, len(c)) if lower[i] < 1.5 * T0 - 1e-9])
    up = int(np.argmax(cum >= 0.9 * cum.max())) + 1 if cum.max() > 0 else 1
    hi_excl = T0 + max((up + 2) * b, 0.2 * T0)
ups = list(range(tb, tb + up))

def step(dn, th):
    """Step model at reach dn bins: alternate θ (Poisson ML) and π (mass conservation)."""
    dns = list(range(tb - dn, tb)); pi = 0.0; ll = None
    for _ in range(40):
        obs = [(c[i], [(i, 1 - pi if i in dns else 1.0)]) for i in range(len(c)) if i not in ups]
        obs.append((c[ups].sum(), [(i, 1.0) for i in ups] + ([(i, pi) for i in dns] if pi > 0 else [])))
        th, ll = fit(obs, th)
        f = np.exp(X @ th)
        Fu, Fd, Cu, Cd = f[ups].sum(), f[dns].sum(), c[ups].sum(), c[dns].sum()
        nxt = min(max((Cu * Fd - Cd * Fu) / (Fd * (Cd + Cu)), 0), 0.999)
        if abs(nxt - pi) < 1e-7: pi = nxt; break
        pi = nxt
    f = np.exp(X @ th)
    return ll, pi, f, dns

def report(label, dn_candidates):
    best = max((step(dn, theta) + (dn,) for dn in dn_candidates), key=lambda r: r[0])
    ll, pi, f, dns, dn = best
    n_top = pi * f[dns].sum()
    window = f[[i for i in range(len(c)) if T0 - 10 - 1e-9 <= lower[i] < T0 - 1e-9]].sum()
    print(f'{label}: orders {len(x)} reach {dn * b:.2f} pi0 {pi:.6f} top-ups {n_top:.3f} share within $10 {n_top / window:.6f}')

report('demo, reach by profile likelihood', range(1, int(0.5 * T0 / b) + 1))
report('demo, reach fixed at $10', [10])
