// Metrics — design note
//
// Order metrics (`OrderMetrics`): one pass over orders (or basket entries for product groupings); AOV =
// merchandise value ÷ orders after cleaning.
//
// Distribution (`ValueDistribution`): values sorted once; percentiles by linear interpolation between order
// statistics (Hyndman & Fan 1996, type 7 — numpy's and R's default), shared with the bootstrap's quantiles.
// Histogram: equal bins of a 1/2/2.5/5 × 10^k width from the minimum to p95, bin count from Freedman &
// Diaconis (1981), 2·IQR·n^(−1/3), kept within 6…20, and one overflow bin for the tail. Price bands: the
// 1–2.5–5 sequence between p5 and p99, or the analyst's edges; all bins [lower, upper), counted by binary
// search on the sorted values, revenue from prefix sums.
//
// Attachment (`AttachRate`): a0 = N_AB / N_A over same-order co-purchase (MODELS.md §3.1), with a Wilson
// interval; units of B in A's orders per unit of A.
//
// Offers (`OfferMetrics`, data side `OfferMarks`): lines marked by the `offer` column are accepted offers
// only, so conversion = orders with an offer line ÷ orders, and incremental AOV = offer-line revenue ÷
// orders (= AOV − AOV without those lines; an upper bound on the causal effect).
//
// Comparison (`MeanComparison`): Welch t (interval and p), seeded percentile bootstrap of the difference of
// means, Mann–Whitney U — the statistics library's kernels, checked against scipy. Periods (`PeriodSpan`):
// year, quarter, month, day, and A..B ranges, as half-open UTC spans.
