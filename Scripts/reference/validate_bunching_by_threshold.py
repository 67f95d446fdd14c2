#!/usr/bin/env python3
# Usage (from the package root): Scripts/.venv/bin/python Scripts/reference/validate_bunching_by_threshold.py [SEEDS]
# Issue 14, item 8: bias of the notch-bunching estimator (docs/MODELS.md §1.4) as the threshold T moves.
# Lumpy synthetic stores (Scripts/reference/bunching_synthetic.py: 40,000 orders, baskets = sums of 1+ items of a
# 500-item catalogue — single-item orders sit on price points — the same generator, draw for draw, as the Swift
# tests' SyntheticStore) with the planted responses of validate_bunching.out moved to T ∈ {35, 50, 75, 100}:
#   A  exponential: P(top up | gap g) = 0.45·exp(−g/6) for g ≤ $12
#   B  flat 30 % within $10
# For each T and seed (1…SEEDS, default 10; store seed = 1000·T + seed for A, 1000·T + 500 + seed for B) it runs the
# independent numpy estimator and prints the planted top-ups, the estimate, its reach, the specification band
# (min–max of top-ups over polynomial degree {2,3,4,5} × bin width {b/2, b, 2b}; the only band before item 8
# besides the customer bootstrap) and the quasi-likelihood band of item 8 (bunching_synthetic.top_up_band: over the
# reaches in the quasi-profile-likelihood set, N̂(R) ± z·SE(R), SE by the delta method scaled by the dispersion);
# then per T: mean relative error of the top-ups and its sd over seeds, each band's coverage of the planted
# top-ups and its mean width relative to the planted top-ups.
import math, sys
from multiprocessing import Pool
import numpy as np
sys.path.insert(0, 'Scripts/reference')
from bunching_synthetic import synthetic_store, estimate, top_up_band, REACH_SET_CHI2, BAND_Z

SCENARIOS = {
    'A': ('exp .45 s6 R12', 12.0, lambda g: 0.45 * math.exp(-g / 6), 0),
    'B': ('flat .30 R10', 10.0, lambda g: 0.30, 500),
}
THRESHOLDS = [35, 50, 75, 100]


def run(job):
    key, t0, seed = job
    _, reach, response, offset = SCENARIOS[key]
    values, moved, _ = synthetic_store(1000 * t0 + offset + seed, t0, reach, response)
    point = estimate(values, t0)
    b = max(0.01, round(t0 / 50 * 100) / 100)
    spec = [point['top_ups'] if (d, s) == (3, 1.0) else estimate(values, t0, degree=d, b=b * s)['top_ups']
            for d in (2, 3, 4, 5) for s in (0.5, 1.0, 2.0)]
    lo, hi = top_up_band(point)
    return key, t0, seed, moved, point['top_ups'], point['reach'], min(spec), max(spec), lo, hi


def main():
    print(f'# quasi band: reach set 2(l_max - l(R)) <= phi * {REACH_SET_CHI2}, z = {BAND_Z}')
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    jobs = [(k, t, s) for k in SCENARIOS for t in THRESHOLDS for s in range(1, seeds + 1)]
    with Pool(2) as pool:
        rows = pool.map(run, jobs)
    for key in SCENARIOS:
        for t0 in THRESHOLDS:
            sel = [r for r in rows if r[0] == key and r[1] == t0]
            for _, _, seed, moved, top, reach, slo, shi, lo, hi in sel:
                print(f'{key} T {t0} seed {seed}: planted {moved} | est top-ups {top:.1f} R {reach:.2f} '
                      f'spec band {slo:.1f} … {shi:.1f} {"covers" if slo <= moved <= shi else "misses"} '
                      f'| quasi band {lo:.1f} … {hi:.1f} {"covers" if lo <= moved <= hi else "MISSES"}')
            rel = np.array([r[4] / r[3] - 1 for r in sel])
            spec = sum(r[6] <= r[3] <= r[7] for r in sel), np.mean([(r[7] - r[6]) / r[3] for r in sel])
            quasi = sum(r[8] <= r[3] <= r[9] for r in sel), np.mean([(r[9] - r[8]) / r[3] for r in sel])
            print(f'{key} {SCENARIOS[key][0]} T {t0}: top-ups rel.err mean {rel.mean():+.3f} sd {rel.std(ddof=1):.3f} '
                  f'| spec band covers {spec[0]}/{len(sel)} width {spec[1]:.3f} '
                  f'| quasi band covers {quasi[0]}/{len(sel)} width {quasi[1]:.3f}')


if __name__ == '__main__':
    main()
