// Pricing what-ifs — design note (the models are specified in shared/design/MODELS.md)
//
// Data (`PricingSample`): per order the merchandise subtotal, the fee paid, the margin ratio (costs, else the
// stated default), the time and a bootstrap cluster (the customer; guests are their own cluster). Above 4,096
// customers, customers are hashed into 4,096 groups of whole customers and the groups are resampled: a block
// bootstrap with the same clustering, so 1,000 draws of a 17-point sweep cost O(draws · 4,096 · points), not
// O(draws · orders). Point estimates are closed-form expectations; every bootstrap is seeded and shared by all
// points of a sweep (common random numbers).
//
// Thresholds (`ThresholdModel`, `NotchBunching`, `ThresholdDetection`, `ThresholdWhatIf`): latent baskets with
// a gap-decaying top-up whose filler item is the units-weighted mean of the store's item prices in
// [gap, gap + reach] (each product enters once at its mean price), tabulated per cent of gap so an evaluation is
// one pass over the orders. A threshold in force is found from the fee column (best "free iff x ≥ T" rule,
// rounded to the roundest value in the optimal interval, with the start date when the rule only holds from some
// time on) and its response estimated by the notch-bunching estimator of MODELS.md §1.4 (Kleven & Waseem 2013):
// Poisson log-polynomial counterfactual fitted by Fisher scoring with observations that are sums of bins (the
// mass-conservation constraint), closed-form π0 alternating with the fit, reach by profile likelihood.
// Departure from MODELS.md §1.5 step 2, and why: the value-histogram scan scores a candidate by min(excess z,
// deficit z) against a log-linear trend through six outer windows, with the Poisson variance inflated by the
// outer windows' Pearson dispersion. The plain log ratio ranked one-sided spikes of single-item price points
// (lumpy baskets) as high as real notches; a threshold moves orders from below to above, so both sides must show.
// The best candidate is confirmed only if the bunching estimate has a quasi-likelihood ratio ≥ 30 (ratio over the
// counterfactual's dispersion), π0 ≥ 5 %, a reach of 3 bins to 0.4·T and excess/missing within 0.5–2: on ten lumpy
// synthetic stores with a planted $50 response it is found every time, and nothing in ten control stores.
//
// Tiers (`TierChoiceModel`, `IdealSpendFit`): two-stage mixed logit with the range-normalised loss-aversion
// compromise term, decoy and badge terms; 64-node Gauss–Hermite (Numerical Recipes `gauher`); matches the
// reference table to 2e-6. Ideal-spend median and dispersion fitted by a 2-D grid in (ln m, ln σ) plus a finer
// grid around the best point, 32 nodes; profile ranges from the grid.
//
// Discounts (`AttachDiscountModel`, `FirstOrderDiscountModel`, `DiscountData`): logit attach response in log
// effective price; best discount on a 0.01 % grid, break-even by bisection beyond it. Pull-in measured as the
// share of anchor orders without the add-on whose customer bought it within the window. First orders are a
// customer's first order in the whole data; future value = 12-month repeat margin of the mature cohort.
//
// Upsell steps (`UpsellCurve`, `UpsellCalibration`): log-logistic acceptance with attention ceiling; pairs are
// adjacent family members (same category, ≥ 2 shared leading name words, price ratio 1.05–3, ≥ 30 units each);
// binomial IRLS with step halving. When the pairs show no price slope (κ ≤ 0.2) the defaults are used and said so.
//
// A/B (`PricingABHook`): the experiments module's `SampleSize` (pooled proportions, Welch means) and
// `ExperimentDuration`; units per day from the data.
