import UpshellCore

/// Progress of the CLV fits, counted in likelihood evaluations across all of them (BG/NBD, its no-drop-out
/// limit when needed, Gamma-Gamma).
///
/// An iterative search has no known end, so the total is an estimate: ``typicalEvaluations`` per model
/// (764 for BG/NBD on CDNOW, 500–1,000 usually; see ``MaximumLikelihood/fit(model:names:starts:scales:observations:boundary:weaklyDetermined:logLikelihood:)``),
/// raised by a quarter of the count whenever the count passes it, so the bar never claims to be done
/// before the fit is. The shell marks the time left as approximate.
public final class FitProgress {
    /// Likelihood evaluations one model fit typically takes.
    public static let typicalEvaluations = 1_000

    private let reporter: any ProgressReporter
    private var estimate: Int
    /// Likelihood evaluations so far.
    public private(set) var evaluations = 0

    /// Reports to `reporter`, expecting `models` model fits.
    public init(_ reporter: any ProgressReporter, models: Int) {
        self.reporter = reporter
        estimate = Self.typicalEvaluations * max(1, models)
    }

    /// A meter that reports nowhere.
    public static var silent: FitProgress { FitProgress(SilentProgress(), models: 1) }

    /// Counts one evaluation and reports every 16th.
    public func tick() {
        evaluations += 1
        if evaluations >= estimate { estimate = evaluations + evaluations / 4 }
        if evaluations & 15 == 0 { reporter.update(done: evaluations, total: estimate) }
    }
}
