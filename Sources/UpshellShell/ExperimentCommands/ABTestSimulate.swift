import Foundation
import UpshellAnalytics
import UpshellCore

/// `abtest simulate …`: power of the planned (or given-n) test by seeded simulation, against the closed form.
struct ABTestSimulate: ShellCommand {
    static let spec = CommandSpec(
        name: "abtest simulate", group: .experiments,
        abstract: "power of a planned conversion test by seeded simulation, against the closed form",
        synopsis: ["abtest simulate baseline=RATE mde=SHARE [relative|absolute] [n=PER-VARIANT] [runs=20000] [seed=N] [alpha=…] [power=…] [sided=…] [method=…]"],
        options: [ABTestOptions.baseline.spec, ABTestOptions.mde.spec, ABTestOptions.alpha.spec, ABTestOptions.power.spec,
                  ABTestOptions.sided.spec, ABTestOptions.variants.spec, ABTestOptions.method.spec, ABTestOptions.n.spec,
                  ABTestOptions.runs.spec, ABTestOptions.seed.spec],
        flags: [ABTestOptions.relative, ABTestOptions.absolute],
        examples: ["abtest simulate baseline=5% mde=20%"])

    let request: ProportionSampleSizeRequest
    /// Visitors per variant (nil: the planned size); checked after the plan, with runs and seed, as always.
    let n: Int?
    let runs: Int
    let seed: Int?
    let places: ArgumentPlaces

    init(arguments: Arguments) throws {
        request = try ProportionSampleSizeRequest(abtest: arguments, form: "simulate")
        n = try arguments.value(ABTestOptions.n)
        runs = try arguments.value(ABTestOptions.runs)
        seed = try arguments.value(ABTestOptions.seed)
        places = arguments.places
    }

    func run(in session: Session) throws -> CommandOutput {
        let plan = try SampleSize.proportions(request)
        let n = self.n ?? plan.perVariant
        guard n >= 1 else {
            throw places.error("option 'n' got '\(n)': expected 1 or more visitors per variant", option: "n",
                               hint: "leave n= out to simulate the planned size")
        }
        guard runs >= 100, runs <= 10_000_000 else {
            throw places.error("option 'runs' got '\(runs)': expected 100 to 10,000,000", option: "runs", hint: "use e.g. runs=20000")
        }
        let seed = try ABFormat.seed(self.seed, places: places, session: session)
        let sim = try session.withProgress { _ in
            try PowerSimulator.proportionPower(baseline: request.baseline, target: plan.targetRate, perVariant: n,
                                               alpha: plan.adjustedAlpha, sidedness: request.sidedness, runs: runs, seed: seed)
        }
        let closed = Self.closedFormPower(baseline: request.baseline, target: plan.targetRate, perVariant: n,
                                          alpha: plan.adjustedAlpha, sidedness: request.sidedness)
        let planned = self.n != nil ? "n=\(ABFormat.count(n)) as given" : "planned by \(request.method.rawValue)"
        var out = CommandOutput([.values(title: "Power by simulation", [
            ("baseline rate", .double(request.baseline), .percent(2)),
            ("target rate", .double(plan.targetRate), .percent(2)),
            ("visitors per variant", .int(n), .integer),
            ("alpha per comparison", .double(plan.adjustedAlpha), .decimal(4)),
            ("simulated power", .double(sim.power), .percent(1)),
            ("Monte Carlo standard error", .double(sim.standardError), .percent(2)),
            ("closed-form power (pooled z-test)", .double(closed), .percent(1)),
            ("target power", .double(request.power), .percent(0)),
            ("runs", .int(sim.runs), .integer),
            ("seed", .text(String(sim.seed)), .text),
        ])])
        out.append(.note("size: \(planned); each run draws conversions from Binomial(n, rate) per arm and applies the pooled two-proportion z-test"))
        out.append(.note("closed-form power: Φ((|p2 − p1|·√n − z·√(2p̄q̄)) / √(p1q1 + p2q2)), the pooled formula solved for power"))
        let gap = sim.power - closed
        if abs(gap) > max(0.02, 3 * sim.standardError) {
            out.append(.warning("simulated power differs from the closed form by \(NumberFormat.grouped(gap * 100, decimals: 1)) points; the normal approximation is rough at this size"))
        }
        return out
    }

    /// Power of the pooled two-proportion z-test with n per arm (normal approximation; the far tail ignored,
    /// as R's power.prop.test with strict = FALSE).
    static func closedFormPower(baseline p1: Double, target p2: Double, perVariant n: Int, alpha: Double, sidedness: Sidedness) -> Double {
        let z = NormalDistribution.quantile(1 - (sidedness == .twoSided ? alpha / 2 : alpha))
        let pBar = (p1 + p2) / 2
        let num = abs(p2 - p1) * Double(n).squareRoot() - z * (2 * pBar * (1 - pBar)).squareRoot()
        return NormalDistribution.cdf(num / (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot())
    }
}
