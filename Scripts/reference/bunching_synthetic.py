"""Shared pieces of the bunching validation scripts (numpy only).

- `Xoshiro`: the seeded generator of upshell (Sources/UpshellAnalytics/Statistics/SeededGenerator.swift:
  xoshiro256** seeded by SplitMix64, 53-bit uniforms, Lemire's bounded integers, Marsaglia's polar normal),
  re-implemented so that the same seed gives the same synthetic store in Python and in the Swift tests.
- `synthetic_store`: the lumpy store of Tests/UpshellAnalyticsTests/Pricing/SyntheticStore.swift, draw for draw.
- `estimate`: an independent numpy implementation of the notch-bunching estimator of docs/MODELS.md §1.4
  (Poisson fits by full Newton on the exact Hessian with step halving, not Fisher scoring).
"""
import math
import numpy as np

M64 = (1 << 64) - 1


class Xoshiro:
    """xoshiro256** (Blackman & Vigna 2018) seeded by SplitMix64 — upshell's SeededGenerator."""

    def __init__(self, seed):
        x = seed & M64
        s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            s.append(z ^ (z >> 31))
        self.s = s

    def bits(self):
        s0, s1, s2, s3 = self.s
        r = (((s1 * 5) & M64) << 7 | ((s1 * 5) & M64) >> 57) & M64
        r = (r * 9) & M64
        t = (s1 << 17) & M64
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & M64
        self.s = [s0, s1, s2, s3]
        return r

    def uniform(self):
        return (self.bits() >> 11) * 2.0 ** -53

    def open_uniform(self):
        return ((self.bits() >> 12) + 0.5) * 2.0 ** -52

    def index_below(self, bound):
        if bound <= 1:
            return 0
        p = self.bits() * bound
        if (p & M64) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (p & M64) < threshold:
                p = self.bits() * bound
        return p >> 64

    def standard_normal(self):
        while True:
            u, v = 2 * self.uniform() - 1, 2 * self.uniform() - 1
            s = u * u + v * v
            if 0 < s < 1:
                return u * math.sqrt(-2 * math.log(s) / s)


def cents(v):
    """Swift's `(v * 100).rounded() / 100` (ties away from zero; v ≥ 0)."""
    y = v * 100
    f = math.floor(y)
    return (f + 1 if y - f >= 0.5 else f) / 100


def synthetic_store(seed, threshold, reach, response, orders=40_000, catalogue_size=500):
    """Order values of a lumpy store (sums of 1–12 items of a 500-item log-normal catalogue, median $14,
    Zipf-like popularity) with a planted top-up response: an order at gap g ∈ (0, reach] below `threshold`
    adds one item priced in [g, g + reach] with probability response(g). Returns (values, moved, latent)."""
    rng = Xoshiro(seed)
    cat = sorted(cents(14 * math.exp(0.7 * rng.standard_normal())) for _ in range(catalogue_size))
    weights = [math.pow(rng.open_uniform(), 2) for _ in range(catalogue_size)]
    cum, s = [], 0.0
    for w in weights:
        s += w; cum.append(s)

    def draw():
        target = rng.uniform() * s
        a, b = 0, len(cum) - 1
        while a < b:
            m = (a + b) // 2
            if cum[m] < target: a = m + 1
            else: b = m
        return cat[a]

    values, moved, latent = [], 0, 0
    for _ in range(orders):
        k = 1
        while rng.uniform() < 0.55 and k < 12:
            k += 1
        x = 0.0
        for _ in range(k):
            x += draw()
        x = cents(x)
        g = threshold - x
        if 0 < g <= reach:
            latent += 1
            if rng.uniform() < response(g):
                in_range = [p for p in cat if g - 1e-9 <= p <= g + reach + 1e-9]
                if in_range:
                    add = in_range[rng.index_below(len(in_range))]
                else:
                    add = next((p for p in cat if p >= g), cat[-1])
                x = cents(x + add)
                moved += 1
        values.append(x)
    return np.array(values), moved, latent


# ---------------------------------------------------------------------------------------------------------
# The estimator (MODELS.md §1.4)

def histogram(values, t0, b=None, low=0.3):
    """Counts in bins of width b (default T0/50, whole cents) with T0 an edge over [low·T0, 2.5·T0]."""
    b = max(0.01, round((t0 / 50 if b is None else b) * 100) / 100)
    first, last = math.ceil((low * t0 - t0) / b), math.floor((2.5 * t0 - t0) / b)
    n = max(1, last - first)
    k = np.floor((np.round(values * 100) - round(t0 * 100)) / round(b * 100)).astype(int) - first
    c = np.bincount(k[(k >= 0) & (k < n)], minlength=n).astype(float)
    lower = t0 + b * (first + np.arange(n))
    return c, lower, b, -first


class Fit:
    """Poisson ML of θ in f = exp(Xθ): single-bin observations c_i ~ P(w_i f_i) for i in `single` and one
    pooled observation C ~ P(Σ a_j f_j). Newton on the exact Hessian, step halving."""

    def __init__(self, X):
        self.X = X

    def ll(self, th, c, w, single, C, a):
        f = np.exp(self.X @ th)
        mu = w[single] * f[single]
        if np.any(mu <= 0) and np.any(c[single][mu <= 0] > 0):
            return -np.inf
        pos = mu > 0
        v = float(np.sum(c[single][pos] * np.log(mu[pos]) - mu[pos]))
        if a is not None:
            m = float(a @ f)
            v += (C * math.log(m) if C > 0 else 0.0) - m
        return v

    def fit(self, c, w, single, C=0.0, a=None, start=None):
        X = self.X
        th = np.zeros(X.shape[1]) if start is None else start.copy()
        if start is None:
            th[0] = math.log(max(c[single].sum() + C, 0.5) / max(w[single].sum() + (0 if a is None else a.sum()), 1e-9))
        cur = self.ll(th, c, w, single, C, a)
        for _ in range(100):
            f = np.exp(X @ th)
            Xs, mu = X[single], w[single] * f[single]
            g = Xs.T @ (c[single] - mu)
            H = -(Xs * mu[:, None]).T @ Xs
            if a is not None:
                af = a * f
                m = af.sum()
                dm = X.T @ af
                d2 = (X * af[:, None]).T @ X
                g = g + (C / m - 1) * dm
                H = H + (C / m - 1) * d2 - C / m ** 2 * np.outer(dm, dm)
            try:
                step = np.linalg.solve(H, -g)
            except np.linalg.LinAlgError:
                step = np.linalg.lstsq(H, -g, rcond=None)[0]
            if g @ step < 0:                      # not an ascent direction: a Fisher-scoring step instead
                step = np.linalg.lstsq((Xs * mu[:, None]).T @ Xs, g, rcond=None)[0]
            t, accepted = 1.0, False
            for _ in range(30):
                new = self.ll(th + t * step, c, w, single, C, a)
                if new >= cur - 1e-12:
                    accepted = True; break
                t /= 2
            if not accepted:
                break
            gain = new - cur
            th, cur = th + t * step, new
            if gain < 1e-10:
                break
        return th, cur


def excess_region(c, lower, t0, b, tb, fitter):
    """Step 3: bins of the excess region above T0 (cumulative excess reaching 90 % of its maximum), 3 passes."""
    n, hi, th, up = len(c), 1.4 * t0, None, 1
    ones = np.ones(n)
    for _ in range(3):
        keep = np.array([not (0.6 * t0 - 1e-9 <= lower[i] < hi - 1e-9) for i in range(n)])
        th, _ = fitter.fit(c, ones, keep, start=th)
        f = np.exp(fitter.X @ th)
        idx = [i for i in range(tb, n) if lower[i] < 1.5 * t0 - 1e-9]
        cum = np.cumsum(c[idx] - f[idx])
        best = max(0.0, cum.max()) if len(cum) else 0.0
        up = int(np.argmax(cum >= 0.9 * best)) + 1 if best > 0 else 1
        hi = t0 + max((up + 2) * b, 0.2 * t0)
    return up, th


def step_response(c, fitter, ups, dns, start):
    """Step 4 for one reach: alternate θ (Poisson ML) and π (mass conservation), ≤ 40 times."""
    n = len(c)
    single = np.ones(n, bool); single[ups] = False
    Cu = c[ups].sum(); Cd = c[dns].sum()
    pi, th, ll = 0.0, start, -np.inf
    for _ in range(40):
        w = np.ones(n); w[dns] = 1 - pi
        a = np.zeros(n); a[ups] = 1.0
        if pi > 0: a[dns] = pi
        th, ll = fitter.fit(c, w, single, Cu, a, start=th)
        f = np.exp(fitter.X @ th)
        Fu, Fd = f[ups].sum(), f[dns].sum()
        nxt = (Cu * Fd - Cd * Fu) / (Fd * (Cd + Cu)) if Fd > 0 and Cd + Cu > 0 else 0.0
        nxt = min(max(nxt, 0.0), 0.999)
        if abs(nxt - pi) < 1e-7:
            pi = nxt; break
        pi = nxt
    return ll, pi, th


def estimate(values, t0, degree=3, b=None, reach=None, low=0.3):
    """The estimator of MODELS.md §1.4 on order values; returns a dict (reach, pi0, top_ups, f, c, lower, b, ...)."""
    c, lower, b, tb = histogram(values, t0, b, low)
    n = len(c)
    u = np.log((lower + b / 2) / t0)
    fitter = Fit(np.vstack([u ** j for j in range(degree + 1)]).T)
    up, th0 = excess_region(c, lower, t0, b, tb, fitter)
    ups = np.arange(tb, min(n, tb + up))
    max_dn = min(tb, int(math.floor(0.5 * t0 / b)))
    cands = range(1, max(1, max_dn) + 1) if reach is None else [max(1, min(tb, int(round(reach / b))))]
    best, fits = None, []
    for dn in cands:
        ll, pi, th = step_response(c, fitter, ups, np.arange(tb - dn, tb), th0)
        fits.append((dn, ll, pi, th))
        if best is None or ll > best[0] + 1e-9:
            best = (ll, dn, pi, th)
    ll, dn, pi, th = best
    f = np.exp(fitter.X @ th)
    dns = np.arange(tb - dn, tb)
    out = np.ones(n, bool); out[ups] = False; out[dns] = False; out &= f > 0
    df = out.sum() - (degree + 1)
    phi = float(np.sum((c[out] - f[out]) ** 2 / f[out]) / df) if df > 0 else 1.0
    se = quasi_se(c, fitter.X, f, ups, dns, pi, phi)
    profile = []
    for dn_k, ll_k, pi_k, th_k in fits:
        f_k = np.exp(fitter.X @ th_k); dns_k = np.arange(tb - dn_k, tb)
        profile.append((dn_k * b, ll_k, pi_k * f_k[dns_k].sum(), quasi_se(c, fitter.X, f_k, ups, dns_k, pi_k, phi)))
    return dict(reach=dn * b, pi0=pi, top_ups=pi * f[dns].sum(), f=f, c=c, lower=lower, b=b, tb=tb, up=up,
                excess=c[ups].sum() - f[ups].sum(), missing=f[dns].sum() - c[dns].sum(), ll=ll,
                profile=profile, dispersion=phi, se=se)



def quasi_se(c, X, f, ups, dns, pi, phi):
    """Quasi-Poisson standard error of N̂ = (C_up·F_dn − C_dn·F_up)/(C_up + C_dn) (the closed form of π̂ times
    F_dn): delta method over the pooled counts C_up, C_dn (variance φ·C) and the counterfactual θ (covariance
    φ·I⁻¹, I the Fisher information of the step model's last fit), φ the Pearson dispersion (≥ 1)."""
    phi = max(1.0, phi)
    Cu, Cd = c[ups].sum(), c[dns].sum()
    Fu, Fd = f[ups].sum(), f[dns].sum()
    S = Cu + Cd
    if S <= 0:
        return float('nan')
    dN_dCu = (Fd * S - (Cu * Fd - Cd * Fu)) / S ** 2
    dN_dCd = (-Fu * S - (Cu * Fd - Cd * Fu)) / S ** 2
    g = (Cu * (X[dns].T @ f[dns]) - Cd * (X[ups].T @ f[ups])) / S
    n = len(c)
    w = np.ones(n); w[dns] = 1 - pi
    single = np.ones(n, bool); single[ups] = False
    mu = w[single] * f[single]
    info = (X[single] * mu[:, None]).T @ X[single]
    a = np.zeros(n); a[ups] = 1.0; a[dns] += 0 if pi <= 0 else pi
    m = float(a @ f)
    if m > 0:
        dm = X.T @ (a * f)
        info += np.outer(dm, dm) / m
    var = dN_dCu ** 2 * Cu + dN_dCd ** 2 * Cd + g @ np.linalg.solve(info, g)
    return math.sqrt(phi * var)


def share_within(e, t0, w):
    """N̂ ÷ Σ f̂ over [T0 − w, T0) (partial bins pro rata) — BunchingEstimate.share(within:)."""
    lo = e['lower']; hi = lo + e['b']
    inside = np.clip((np.minimum(hi, t0) - np.maximum(lo, t0 - w)) / e['b'], 0, 1)
    inside[(hi <= t0 - w + 1e-9) | (lo >= t0 - 1e-9)] = 0
    f = float(e['f'] @ inside)
    return e['top_ups'] / f if f > 0 else float('nan')


# The band of the top-ups (issue 14 item 8): quasi-likelihood over the reach and the counterfactual.
REACH_SET_CHI2 = 2.706    # χ²₁ 90 % quantile: reaches whose quasi-profile deviance 2(ℓ̂ − ℓ(R))/φ̂ is below it
BAND_Z = 2.576            # normal 99.5 % quantile (two-sided 99 %): N̂(R) ± z·SE(R); z = 1.645 covered only 7/10 seeds at T = $35, $50


def top_up_band(e):
    """min over the reach set of N̂(R) − z·SE(R) (≥ 0) … max of N̂(R) + z·SE(R)."""
    llmax = max(p[1] for p in e['profile'])
    phi = max(1.0, e['dispersion'])
    keep = [p for p in e['profile'] if 2 * (llmax - p[1]) <= phi * REACH_SET_CHI2]
    return max(0.0, min(p[2] - BAND_Z * p[3] for p in keep)), max(p[2] + BAND_Z * p[3] for p in keep)
