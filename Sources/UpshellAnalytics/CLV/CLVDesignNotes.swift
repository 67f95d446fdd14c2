// Customer lifetime value — design note
//
// History (`CohortHistory`): customers by month of first order; per month offset the share ordering
// (retention) and revenue/margin per cohort customer, cumulated; unobserved offsets are left empty.
//
// Prediction follows Fader, Hardie & Lee (2005) on the CDNOW sample:
// - `RepeatPurchaseSummary`: a transaction is a customer's purchase day (same-day orders merged, values
//   summed); x = repeat purchase days up to the calibration end (inclusive), tₓ and T from the first
//   purchase day, in an explicit `LifetimeUnit` (days or weeks; weeks = days / 7). Holdout = the days
//   after the calibration end through the data's last day.
// - `BGNBDModel`: likelihood eq. 6 in log space (lgamma, log-sum-exp), x-only terms once per distinct
//   x; E[Y(t)|x,tₓ,T] eq. 10 with ₂F₁ by its power series (`Hypergeometric`); P(alive) from the 2008 note.
// - `GammaGammaModel`: Fader & Hardie's 2013 note, fitted to repeat buyers' mean repeat spend (first
//   purchase excluded), spend ≤ 0 excluded; E(Z|x, m) shrinks to pγ/(q−1).
// - `MaximumLikelihood`: Nelder–Mead on log-parameters with restarts, Newton polish with a
//   finite-difference Hessian, standard errors from the observed information; a fit that does not reach
//   a vanishing gradient and a definite Hessian throws `CLVError.notConverged` with its last state.
// - `LifetimeForecast`: value = Σ monthly increments of E[Y] × E(Z), discounted at an annual rate.
//
// Checked against the published CDNOW values (r 0.243, α 4.414, a 0.793, b 2.426, log L −9582.4;
// p 6.25, q 3.74, γ 15.44) and against the `lifetimes` package (see Tests/UpshellAnalyticsTests/CLVTests.swift).
