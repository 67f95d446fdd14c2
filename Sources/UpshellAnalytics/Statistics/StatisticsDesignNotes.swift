// Statistics — design note: the one numerics home of CLV, pricing, metrics and experiments
//
// - `LinearSolver`: Cholesky (fails on a matrix that is not positive definite, which the fits read as "not at a
//   maximum") and Gaussian elimination with partial pivoting (the Poisson counterfactual's Fisher scoring, as it
//   always used). Dense, small p.
// - `NewtonSolver`: one damped Newton loop with step halving for every likelihood fit — Fisher scoring of the
//   bunching counterfactual (`PoissonCurveFit`), binomial IRLS of the upsell menu curve (`UpsellStepModel`), the
//   Newton polish of the CLV fits (`MaximumLikelihood`, with a gradient step where the finite-difference Hessian
//   is not positive definite). Iterations, halvings, acceptance slack and stopping gain are per caller: they are
//   the settings each fit was validated with, so their numbers did not move when the loops became one.
// - `Quantile`: type 7 (numpy/R default) for bootstrap intervals and percentiles; the midpoint median for the
//   `describe`/`abtest` medians (equal up to rounding at q = ½; each keeps its printed values).
// - `Bootstrap`: the resampled difference of means (`compare`, `abtest analyze`) and the customer-clustered draws
//   of the pricing commands; both percentile intervals are type 7. The two draw different random streams (one
//   index per value vs one per cluster), so a seed reproduces each command's published interval.
// - Distributions (normal, Student t, χ²), tests (Welch, Mann–Whitney, proportions, χ²), multiple testing, the
//   seeded generator (xoshiro256** seeded by SplitMix64) and special functions complete the folder.
