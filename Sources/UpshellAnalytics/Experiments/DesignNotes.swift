// Experiments — design note
//
// Planning (`SampleSize`): closed-form per-arm sizes. Proportions: `pooled` (R power.prop.test with
// strict = FALSE, statsmodels samplesize_proportions_2indep_onetail), `evanmiller` (baseline variance under
// H0; rounded to nearest like the calculator), `arcsine` (Cohen's h; pwr.2p.test, statsmodels NormalIndPower).
// R's strict = TRUE would add the far rejection tail, changing sizes by < 1 visitor at usual effects; the
// closed form is what the quoted tools print. Means: Welch–Satterthwaite t iteration from the normal start.
// k > 2 arms: Bonferroni α/(k − 1) at planning; Holm at analysis (never less powerful).
//
// Analysis (`ExperimentAnalysis`): Wilson intervals per arm; absolute lift with the unpooled Wald interval;
// relative lift with the Katz log-ratio interval (asymmetric, bounded below by −100 %); pooled z-test and the
// 2×2 χ² (Yates by default, as scipy); 2×k χ² overall; χ² goodness of fit for sample-ratio mismatch
// (warn at p < 0.001). Values: Welch t, seeded percentile bootstrap, Mann–Whitney (asymptotic, tie- and
// continuity-corrected, as scipy). Peeking: mSPRT with a normal mixture (Johari et al., KDD 2017).
//
// Simulation (`PowerSimulator`): exact binomial draws (inversion / Hörmann's BTRS) from a seeded
// xoshiro256** generator; pooled z-test per run.
