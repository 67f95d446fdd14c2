/// Relative closeness |a − b| ≤ rel·max(|b|, tiny); exact agreement for 0.
func close(_ a: Double, _ b: Double, rel: Double = 1e-9) -> Bool {
    if a == b { return true }
    return abs(a - b) <= rel * max(abs(b), 1e-300)
}

// Where the scipy/statsmodels reference values come from: this script, run once with Python 3.11,
// scipy 1.17.1, statsmodels 0.15.0 (`python3 -m venv /work/venv; /work/venv/bin/pip install scipy
// statsmodels numpy; /work/venv/bin/python ref.py`); each test also quotes the call behind its numbers.
//
//     from scipy import stats, special
//     from statsmodels.stats.proportion import proportion_confint, proportions_ztest, confint_proportions_2indep
//     from statsmodels.stats.multitest import multipletests
//     import numpy as np
//     r = lambda *a: print(*[repr(float(x)) for x in a])
//     print("# normal"); r(stats.norm.cdf(-8), stats.norm.cdf(-1.96), stats.norm.cdf(0.5), stats.norm.cdf(3), stats.norm.sf(8))
//     r(stats.norm.ppf(1e-10), stats.norm.ppf(0.025), stats.norm.ppf(0.3), stats.norm.ppf(0.975), stats.norm.ppf(1-1e-12), stats.norm.ppf(1e-300))
//     print("# t"); r(stats.t.cdf(2.1,5), stats.t.sf(3.5,2.5), stats.t.cdf(-1.3,30.7), stats.t.sf(40, 3), stats.t.sf(0.01, 1e6))
//     r(stats.t.ppf(0.975,3), stats.t.ppf(0.975,10), stats.t.ppf(0.9,1), stats.t.ppf(1e-6,4.5), stats.t.ppf(0.8,300), stats.t.ppf(0.999, 0.7))
//     print("# chi2"); r(stats.chi2.sf(3.84,1), stats.chi2.cdf(10,7), stats.chi2.sf(50,3), stats.chi2.sf(0.5,2.5), stats.chi2.sf(400, 300))
//     print("# special"); r(special.betainc(2.5,3.5,0.4), special.gammainc(3.3,2.1), special.gammaincc(30,45))
//     print("# wilson"); r(*proportion_confint(120,4000,method='wilson'), *proportion_confint(0,50,method='wilson'), *proportion_confint(50,50,method='wilson'), *proportion_confint(7,20,alpha=0.1,method='wilson'))
//     print("# ztest"); r(*proportions_ztest([150,120],[4010,4000]))
//     print("# wald diff"); r(*confint_proportions_2indep(150,4010,120,4000,method='wald',compare='diff'))
//     print("# log ratio"); r(*confint_proportions_2indep(150,4010,120,4000,method='log',compare='ratio'))
//     print("# chi2 2x2 yates / no yates")
//     c=stats.chi2_contingency([[120,150],[3880,3860]]); r(c[0],c[1])
//     c=stats.chi2_contingency([[120,150],[3880,3860]],correction=False); r(c[0],c[1])
//     c=stats.chi2_contingency([[120,150,135],[3880,3860,3900]]); r(c[0],c[1],c[2])
//     print("# gof"); c=stats.chisquare([5000,5200]); r(c[0],c[1]); c=stats.chisquare([3100,2900,4000],f_exp=np.array([0.3,0.3,0.4])*10000); r(c[0],c[1])
//     x=[12.5,30.0,22.1,45.9,8.0,19.99,27.3,33.3,15.0,22.1,60.2,11.4]
//     y=[25.0,31.5,42.0,18.2,55.5,29.9,37.7,22.1,48.0,35.0,40.4,27.3,61.0,33.3]
//     print("# welch (y vs x)"); w=stats.ttest_ind(y,x,equal_var=False); ci=w.confidence_interval(0.95); r(w.statistic,w.pvalue,w.df,ci.low,ci.high)
//     print("# mwu (x, y)"); m=stats.mannwhitneyu(x,y,alternative='two-sided',method='asymptotic'); r(m.statistic,m.pvalue)
//     a=[1,2,2,3,3,3,4,5]; b=[3,3,4,4,5,5,6,6,7]
//     m=stats.mannwhitneyu(a,b,alternative='two-sided',method='asymptotic'); r(m.statistic,m.pvalue)
//     print("# multipletests"); p=[0.01,0.04,0.03,0.005]; r(*multipletests(p,method='holm')[1]); r(*multipletests(p,method='bonferroni')[1])

