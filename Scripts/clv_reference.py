"""Reference values for the CLV tests (Tests/UpshellAnalyticsTests/CLVTests.swift).

Run: Scripts/.venv/bin/pip install numpy scipy pandas lifetimes && Scripts/.venv/bin/python Scripts/clv_reference.py
Reads ../shared/datasets/cdnow_sample.txt, builds the calibration/holdout summary with pandas (same-day
purchases merged, calibration through 1997-09-30, weeks), maximises the BG/NBD and Gamma-Gamma
likelihoods with scipy to tight tolerances, and cross-checks with the lifetimes package (0.11.3).
"""
import os, numpy as np, pandas as pd
from scipy import optimize, special

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', '..', 'shared', 'datasets', 'cdnow_sample.txt')
df = pd.read_csv(path, sep=r'\s+', header=None, names=['cust', 's', 'date', 'n', 'v'], dtype={'cust': str, 'date': str})
df['date'] = pd.to_datetime(df['date'], format='%Y%m%d')
day = df.groupby(['cust', 'date'], as_index=False)['v'].sum().sort_values(['cust', 'date'])
end, last = pd.Timestamp('1997-09-30'), day['date'].max()
first = day.groupby('cust')['date'].min()
cal = day[day['date'] <= end]
rows = []
for c, g in cal.groupby('cust'):
    f = first[c]
    rep = g[g['date'] > f]
    x = len(rep)
    tx = (rep['date'].max() - f).days / 7 if x else 0.0
    T = (end - f).days / 7
    m = rep['v'].mean() if x else np.nan
    hold = day[(day['cust'] == c) & (day['date'] > end)]
    rows.append((x, tx, T, m, len(hold)))
x, tx, T, m, hold = (np.array(v, dtype=float) for v in zip(*rows))
print('customers', len(x), 'sum x', x.sum(), 'repeaters', (x > 0).sum(), 'holdout', hold.sum(), 'last day', last.date())

def bgnbd_ll(p):
    r, al, a, b = p
    A1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(al)
    A2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    A3 = -(r + x) * np.log(al + T)
    A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(A1 + A2 + np.logaddexp(A3, A4))

def fit(ll, start):
    res = optimize.minimize(lambda t: -ll(np.exp(t)), np.log(start), method='Nelder-Mead',
                            options={'xatol': 1e-12, 'fatol': 1e-12, 'maxiter': 100000, 'maxfev': 100000})
    res = optimize.minimize(lambda t: -ll(np.exp(t)), res.x, method='BFGS', options={'gtol': 1e-9})
    return np.exp(res.x), -res.fun

def se(ll, p, h=1e-4):
    n = len(p); H = np.zeros((n, n))
    f = lambda q: ll(q)
    for i in range(n):
        for j in range(n):
            hi, hj = h * p[i], h * p[j]
            def at(di, dj):
                q = p.copy(); q[i] += di; q[j] += dj; return f(q)
            H[i, j] = (at(hi, hj) - at(hi, -hj) - at(-hi, hj) + at(-hi, -hj)) / (4 * hi * hj)
    return np.sqrt(np.diag(np.linalg.inv(-H)))

bg, bgll = fit(bgnbd_ll, [1, 1, 1, 1])
np.set_printoptions(precision=10)
print('BG/NBD', repr(bg), 'll', repr(bgll), 'se', repr(se(bgnbd_ll, bg)))
r, al, a, b = bg

def cond_exp(t, x, tx, T):
    z = t / (al + T + t)
    h = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    front = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * h)
    return front / (1 + (x > 0) * a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))

def alive(x, tx, T):
    return 1 / (1 + (x > 0) * a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))

print('customer (2, 30.43, 38.86): E[Y(39)]', repr(cond_exp(39, 2, 30.43, 38.86)), 'P(alive)', repr(alive(2, 30.43, 38.86)))
print('customer (0, 0, 38.86): E[Y(52)]', repr(cond_exp(52, 0, 0, 38.86)))
print('customer (7, 35.0, 38.0): E[Y(52)]', repr(cond_exp(52, 7, 35.0, 38.0)), 'P(alive)', repr(alive(7, 35.0, 38.0)))
print('new customer E[X(52)]', repr((a + b - 1) / (a - 1) * (1 - (al / (al + 52)) ** r * special.hyp2f1(r, b, a + b - 1, 52 / (al + 52)))))
L = (last - end).days / 7
pred = cond_exp(L, x, tx, T)
print('holdout length', L, 'predicted', repr(pred.sum()), 'actual', hold.sum())
for k in range(8):
    sel = (x == k) if k < 7 else (x >= 7)
    print(' bucket', k, int(sel.sum()), 'actual', hold[sel].sum(), 'predicted', repr(pred[sel].sum()))
print('hyp2f1', repr(special.hyp2f1(2.243, 4.426, 5.219, 0.6)), repr(special.hyp2f1(0.5, 1.5, 2.5, 0.95)),
      repr(special.hyp2f1(10.2, 12.4, 13.2, 0.4)))

xs, ms = x[x > 0], m[x > 0]
def gg_ll(p):
    pp, q, g = p
    return np.sum(special.gammaln(pp * xs + q) - special.gammaln(pp * xs) - special.gammaln(q) + q * np.log(g)
                  + (pp * xs - 1) * np.log(ms) + pp * xs * np.log(xs) - (pp * xs + q) * np.log(g + ms * xs))
gg, ggll = fit(gg_ll, [1, 1, 1])
print('Gamma-Gamma', repr(gg), 'll', repr(ggll), 'se', repr(se(gg_ll, gg)), 'mean', repr(gg[0] * gg[2] / (gg[1] - 1)))
print('E(Z|x=2, m=20)', repr(gg[0] * (gg[2] + 2 * 20) / (gg[0] * 2 + gg[1] - 1)))
print('corr(x, m)', repr(np.corrcoef(xs, ms)[0, 1]))

# Discounted value of customer (2, 30.43, 38.86, m=20) over 52 weeks at 10 %/year, monthly steps as in
# LifetimeForecast: 12 steps of 52/12 weeks, discount (1.1)^(-7 t / 365.25).
steps = int(np.ceil(52 / (30.4375 / 7)))
ends = 52 * np.arange(1, steps + 1) / steps
e = np.array([cond_exp(t, 2, 30.43, 38.86) for t in ends])
inc = np.diff(np.concatenate([[0], e]))
spend = gg[0] * (gg[2] + 2 * 20) / (gg[0] * 2 + gg[1] - 1)
print('value 52w 10%', repr(spend * np.sum(inc * 1.1 ** (-7 * ends / 365.25))), 'steps', steps)

try:
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    w = pd.DataFrame({'x': x, 'tx': tx, 'T': T})
    f = BetaGeoFitter().fit(w.x, w.tx, w['T'])
    print('lifetimes BG/NBD', f.params_.values, 'se', f.summary['se(coef)'].values)
    print('lifetimes cond', f.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86))
    g = GammaGammaFitter().fit(xs, ms)
    print('lifetimes GG', g.params_.values, 'se', g.summary['se(coef)'].values)
except ImportError:
    print('lifetimes not installed')

# Cohort history (clv history): customers by month of first purchase, share ordering in month k after it,
# revenue per cohort customer to date (all lines kept, as `clean all=keep`).
d = df.copy()
d['month'] = d['date'].dt.year * 12 + d['date'].dt.month - 1
firstm = d.groupby('cust')['month'].min().rename('cohort')
d = d.join(firstm, on='cust')
d['k'] = d['month'] - d['cohort']
for cohort, g in d.groupby('cohort'):
    n = g['cust'].nunique()
    ret = [g[g['k'] == k]['cust'].nunique() / n for k in range(6)]
    cum = [g[g['k'] <= k]['v'].sum() / n for k in range(6)]
    print('cohort', f"{cohort // 12}-{cohort % 12 + 1:02d}", n, 'retention', [repr(x) for x in ret], 'cumulative', [repr(x) for x in cum])
