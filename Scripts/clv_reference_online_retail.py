"""Reference values for the Online Retail CLV test (Tests/UpshellAnalyticsTests/CLVOnlineRetailTests.swift).

Run: Scripts/.venv/bin/pip install numpy scipy pandas lifetimes==0.11.3 && Scripts/.venv/bin/python Scripts/clv_reference_online_retail.py
Reads Datasets/public/online_retail.csv.gz and builds the customer summary with pandas under upshell's default
cleaning (invoices starting with C or A dropped, quantity <= 0 dropped, unit price < 0 dropped, lines without a
customer out) and its CLV rule: a line with unit price 0 is a zero-value purchase, counted as a purchase day for
BG/NBD but not as spend. An order is an invoice, at the time of its earliest line; a transaction is a customer's
purchase day (UTC day of the order time); x, t_x and T in days / 7; Gamma-Gamma on the repeat days with a positive
value. Two calibrations: the data's last day (2011-12-09, the default of `clv fit`) and 2011-09-30.

BG/NBD three ways: lifetimes 0.11.3 BetaGeoFitter (its own optimizer; where it stops with "precision loss" the
same minimisation is repeated to read where it stopped), scipy (Nelder-Mead then BFGS on log-parameters, several
starts, tight tolerances), and the no-drop-out limit a -> 0 (the NBD model, scipy) with the slope of the
BG/NBD log-likelihood into the model from that boundary (dL/da at a = 0, which must be <= 0 for every b when the
maximum lies on the boundary). Then expected purchases in 26 weeks and P(alive) for a few customers.
log L at b of 1e6 and more carries rounding of order 1e-5 (differences of log-gammas of large arguments): through
2011-09-30 scipy's -25702.273050797 at b = 2.3e6, above the NBD's -25702.273067929, is that rounding, not a
higher maximum (the slope check finds no direction into the model that raises the likelihood).
"""
import os, numpy as np, pandas as pd
from scipy import optimize, special

here = os.path.dirname(os.path.abspath(__file__))
df = pd.read_csv(os.path.join(here, '..', 'Datasets', 'public', 'online_retail.csv.gz'),
                 dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': str})
df['InvoiceDate'] = pd.to_datetime(df['InvoiceDate'])
inv = df.InvoiceNo.str.upper()
kept = df[~inv.str.startswith('C') & ~inv.str.startswith('A') & (df.Quantity > 0) & (df.UnitPrice >= 0)
          & df.CustomerID.notna()].copy()
kept['v'] = kept.Quantity * kept.UnitPrice
kept['free'] = kept.UnitPrice == 0
# orders: an invoice's positive lines (the order model) and its price-0 lines (zero-value purchases) apart
orders = kept.groupby(['CustomerID', 'InvoiceNo', 'free']).agg(t=('InvoiceDate', 'min'), v=('v', 'sum')).reset_index()
orders['day'] = orders.t.dt.normalize()
print('zero-value purchases', int(orders.free.sum()), 'from', int(kept.free.sum()), 'price-0 lines')
days = orders.groupby(['CustomerID', 'day']).agg(v=('v', 'sum'), order=('free', lambda f: bool((~f).any()))).reset_index()
print('customers', days.CustomerID.nunique(), 'in the orders', orders[~orders.free].CustomerID.nunique(),
      'purchase days', len(days), 'of them only zero-value purchases', int((~days.order).sum()))


def summary(end):
    cal = days[days.day <= end].copy()
    first = cal.groupby('CustomerID').day.transform('min')
    cal['repeat'] = cal.day > first
    cal['paid'] = cal.repeat & (cal.v > 0)
    g = cal.groupby('CustomerID')
    s = pd.DataFrame({'x': g.repeat.sum().astype(float), 'first': g.day.min(), 'last': g.day.max(),
                      'xp': g.paid.sum().astype(float)})
    s['spend'] = cal[cal.paid].groupby('CustomerID').v.sum()
    s['tx'] = np.where(s.x > 0, (s['last'] - s['first']).dt.days / 7, 0.0)
    s['T'] = (end - s['first']).dt.days / 7
    s['m'] = s.spend / s.xp
    return s


def bgnbd_ll(p, x, tx, T):
    r, al, a, b = p
    A1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(al)
    A2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    A3 = -(r + x) * np.log(al + T)
    A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(A1 + A2 + np.logaddexp(A3, A4))


def nbd_ll(p, x, T):
    r, al = p
    return np.sum(special.gammaln(r + x) - special.gammaln(r) + r * np.log(al) - (r + x) * np.log(al + T))


def maximise(ll, start):
    res = optimize.minimize(lambda t: -ll(np.exp(t)), np.log(start), method='Nelder-Mead',
                            options={'xatol': 1e-12, 'fatol': 1e-12, 'maxiter': 100000, 'maxfev': 100000})
    res = optimize.minimize(lambda t: -ll(np.exp(t)), res.x, method='BFGS', options={'gtol': 1e-9})
    return np.exp(res.x), -res.fun


def lifetimes_bgnbd(x, tx, T):
    """lifetimes' BetaGeoFitter; where its optimizer reports precision loss, the same minimisation read out."""
    from lifetimes import BetaGeoFitter
    from lifetimes.utils import ConvergenceError
    f = BetaGeoFitter()
    try:
        f.fit(x, tx, T)
        return f, 'converged'
    except ConvergenceError:
        from autograd import value_and_grad
        scale = 10 / np.max(T)
        out = optimize.minimize(value_and_grad(f._negative_log_likelihood), jac=True, x0=0.1 * np.ones(4), tol=1e-7,
                                args=(x.astype(int), tx * scale, T * scale, np.ones_like(tx, dtype=int), 0.0))
        f.params_ = pd.Series(np.exp(out.x), index=['r', 'alpha', 'a', 'b'])
        f.params_['alpha'] /= scale
        return f, 'stopped: ' + out.message


def report(end, customers):
    s = summary(pd.Timestamp(end))
    x, tx, T = s.x.values, s.tx.values, s['T'].values
    print(f'\n== calibration through {end}: customers {len(s)}, sum x {x.sum():.0f}, repeat buyers {(x > 0).sum()}')
    f, status = lifetimes_bgnbd(x, tx, T)
    lp = f.params_.values
    print('lifetimes BG/NBD', repr(lp), status, 'log L', repr(float(bgnbd_ll(lp, x, tx, T))))
    for st in ([1, 1, 1, 1], [0.8, 10, 0.5, 3], [1, 10, 0.01, 5]):
        p, ll = maximise(lambda p: bgnbd_ll(p, x, tx, T), st)
        # past a < 1e-10 or b > 1e10 log-gamma differences lose every digit: the value printed there is noise
        sane = bool(np.all((p > 1e-10) & (p < 1e10)))
        print('scipy BG/NBD from', st, repr(p), 'log L', repr(float(ll)) if sane else '(not computable: a boundary reached)')
    nbd, nbdll = maximise(lambda p: nbd_ll(p, x, T), [1, 10])
    print('scipy NBD (a -> 0)', repr(nbd), 'log L', repr(float(nbdll)))
    r, al = nbd
    rep = x > 0
    R = ((al + T[rep]) / (al + tx[rep])) ** (r + x[rep])
    slopes = [np.sum(R / (b + x[rep] - 1) - (special.digamma(b + x[rep]) - special.digamma(b))) for b in 10.0 ** np.arange(-4, 8.01, 0.25)]
    print('dL/da at a = 0: max over b = 1e-4 .. 1e8', max(slopes), '; b -> inf: sum(R - x)', np.sum(R - x[rep]))
    for c in customers:
        if c not in s.index:
            print(' customer', c, 'not in the calibration')
            continue
        row = s.loc[c]
        args = (row.x, row.tx, row['T'])
        e_nbd = (nbd[0] + row.x) * 26 / (nbd[1] + row['T'])
        print(f' customer {c}: x {row.x:.0f} tx {float(row.tx)!r} T {float(row["T"])!r} | lifetimes E[Y(26)]',
              repr(np.ravel(f.conditional_expected_number_of_purchases_up_to_time(26, *args))[0].item()),
              'P(alive)', repr(np.ravel(f.conditional_probability_alive(*args))[0].item()), '| NBD E[Y(26)]', repr(float(e_nbd)))
    return s


customers = ['12347.0', '14911.0', '17850.0', '12346.0', '13256.0', '15581.0']
s = report('2011-12-09', customers)
from lifetimes import GammaGammaFitter
gg = s[s.xp > 0]
g = GammaGammaFitter().fit(gg.xp, gg.m)
print('lifetimes Gamma-Gamma on', len(gg), 'repeat buyers with positive spend', repr(g.params_.values))


def gg_ll(p, xs, ms):
    pp, q, gam = p
    return np.sum(special.gammaln(pp * xs + q) - special.gammaln(pp * xs) - special.gammaln(q) + q * np.log(gam)
                  + (pp * xs - 1) * np.log(ms) + pp * xs * np.log(xs) - (pp * xs + q) * np.log(gam + ms * xs))


ggp, ggll = maximise(lambda p: gg_ll(p, gg.xp.values, gg.m.values), [1, 1, 100])
print('scipy Gamma-Gamma', repr(ggp), 'log L', repr(float(ggll)), 'mean spend', repr(ggp[0] * ggp[2] / (ggp[1] - 1)))
report('2011-09-30', customers)
