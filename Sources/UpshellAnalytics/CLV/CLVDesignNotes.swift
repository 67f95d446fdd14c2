// Customer lifetime value — design note
//
// History (`CohortHistory`): customers by month of first order; per month offset the share ordering
// (retention) and revenue/margin per cohort customer, cumulated; unobserved offsets are left empty.
//
// Prediction follows Fader, Hardie & Lee (2005) on the CDNOW sample:
// - `RepeatPurchaseSummary`: a transaction is a customer's purchase day (same-day orders merged, values
//   summed); x = repeat purchase days up to the calibration end (inclusive), tₓ and T from the first
//   purchase day, in an explicit `LifetimeUnit` (days or weeks; weeks = days / 7). Holdout = the days
//   after the calibration end through the data's last day. A zero-value purchase is still a purchase:
//   `ZeroValuePurchases` finds the price-0 lines the cleaning drops (an order model of those rows alone,
//   under the dataset's policy with non-positive prices kept, so every other rule decides as usual) and
//   they count as purchase days — CDNOW's 8 $0 lines make FHL's 2,357 customers under the default
//   cleaning — while the order model, revenue, AOV and baskets stay as they are. Spend (Gamma-Gamma's x
//   and mₓ) counts only days with a positive value. Customers known only from such purchases get
//   negative ids (−1 − k into `newCustomerKeys`).
// - `BGNBDModel`: likelihood eq. 6 in log space (lgamma, log-sum-exp); E[Y(t)|x,tₓ,T] eq. 10 with ₂F₁ by
//   its power series (`Hypergeometric`); P(alive) from the 2008 note; the removable singularity at a = 1
//   is bridged. `BGNBDLikelihood` arranges the data for fitting: x-only terms once per distinct x,
//   log(α+T) and log(α+tₓ) once per distinct value, one exp/log pair per repeat buyer.
// - `GammaGammaModel` / `GammaGammaLikelihood`: Fader & Hardie's 2013 note, fitted to repeat buyers' mean
//   repeat spend over repeat days with a positive value (first purchase excluded); E(Z|x, m) shrinks to pγ/(q−1).
// - `MaximumLikelihood`: Nelder–Mead on log(θ / typical size) with restarts, Newton polish with a
//   finite-difference Hessian (step 10⁻³), standard errors from the observed information; starts are
//   tried until one converges. Not converged = the gradient does not vanish (nor the Newton decrement
//   fall below 10⁻⁶, or 10⁻¹⁰ of the log-likelihood for very large data), the Hessian is not definite, a
//   log-parameter has a standard error above 3, or a
//   parameter drifts more than e¹² from its typical size: `CLVError.notConverged` with the last state.
// - No-drop-out boundary (`NoDropoutBoundary`): as a → 0 BG/NBD becomes the NBD model and b drops out.
//   With rare drop-out (a/(a+b) < 1 %) a and b may be poorly determined at an interior maximum (kept,
//   noted: Online Retail through its last day, as lifetimes finds it), or the maximum lies on the boundary
//   (Online Retail through 2011-09-30, where lifetimes stops with a ≈ 10⁻⁷): then the NBD limit is the
//   fit (a = 0, b not determined, P(alive) = 1, E[Y] = (r+x)t/(α+T)), accepted when ∂ log L/∂a ≤ 0 at
//   a = 0 for every b (the first-order condition of a boundary maximum) and no interior point is higher.
// - `LifetimeForecast`: value = Σ monthly increments of E[Y] × E(Z), discounted at an annual rate;
//   `HoldoutCheck`: FHL's figure 4, actual vs predicted holdout purchases by calibration frequency.
//
// Checked against the published CDNOW values (r 0.243, α 4.414, a 0.793, b 2.426, log L −9582.4;
// p 6.25, q 3.74, γ 15.44), scipy and the `lifetimes` package (Scripts/clv_reference.py), on Online Retail
// against lifetimes and scipy inside and on the no-drop-out boundary (Scripts/clv_reference_online_retail.py),
// and by recovering the parameters of simulated data (Tests/UpshellAnalyticsTests/CLVTests.swift).
