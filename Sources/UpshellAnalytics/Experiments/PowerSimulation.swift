import Foundation
import UpshellCore

/// The outcome of a power simulation.
public struct PowerSimulation: Sendable, Hashable {
    /// Share of simulated experiments in which the z-test rejected H₀.
    public let power: Double
    /// Number of rejections.
    public let rejections: Int
    /// Number of simulated experiments.
    public let runs: Int
    /// Monte Carlo standard error √(power(1 − power)/runs).
    public let standardError: Double
    /// Visitors per arm simulated.
    public let perVariant: Int
    /// The seed that reproduces the result.
    public let seed: UInt64
}

/// Power by simulation: a check on the closed-form sample size.
public enum PowerSimulator {
    /// Power of a planned test by simulation: control and one variant at the plan's per-arm size, rates,
    /// sidedness and (Bonferroni-adjusted) α. See
    /// ``proportionPower(baseline:target:perVariant:alpha:sidedness:runs:seed:)``.
    /// - Complexity: O(runs).
    public static func proportionPower(plan: ProportionSampleSize, runs: Int = 20_000,
                                       seed: UInt64 = 1) throws -> PowerSimulation {
        try proportionPower(baseline: plan.request.baseline, target: plan.targetRate, perVariant: plan.perVariant,
                            alpha: plan.adjustedAlpha, sidedness: plan.request.sidedness, runs: runs, seed: seed)
    }

    /// Simulates `runs` experiments with `perVariant` visitors in each of two arms converting at `baseline`
    /// and `target`, runs the pooled two-proportion z-test on each at level α (two-sided: |z| > z_{1−α/2};
    /// one-sided: z beyond z_{1−α} in the direction of the effect) and returns the share of rejections.
    ///
    /// Conversions are drawn exactly from Binomial(n, p) (``SeededGenerator/nextBinomial(trials:probability:)``:
    /// inversion for small n·p, BTRS otherwise), never by a normal approximation. Seeded and reproducible;
    /// checks for cancellation every 1,024 runs.
    /// - Complexity: O(runs) expected time, O(1) memory.
    /// - Throws: ``ExperimentError`` for rates outside [0, 1], a baseline of 0 or 1, α outside (0, 1),
    ///   perVariant < 1 or runs < 1; `CancelledError` on Ctrl-C.
    public static func proportionPower(baseline: Double, target: Double, perVariant: Int, alpha: Double = 0.05,
                                       sidedness: Sidedness = .twoSided, runs: Int = 20_000,
                                       seed: UInt64 = 1) throws -> PowerSimulation {
        guard baseline > 0, baseline < 1 else { throw ExperimentError.baselineOutOfRange(baseline) }
        guard target >= 0, target <= 1 else { throw ExperimentError.targetOutOfRange(baseline: baseline, target: target) }
        guard alpha > 0, alpha < 1 else { throw ExperimentError.alphaOutOfRange(alpha) }
        guard perVariant >= 1 else { throw ExperimentError.invalidSampleSize(perVariant) }
        guard runs >= 1 else { throw ExperimentError.invalidRunCount(runs) }
        let critical = SampleSize.criticalZ(alpha: alpha, sidedness: sidedness)
        let direction: Double = target >= baseline ? 1 : -1
        let n = Double(perVariant)
        var rng = SeededGenerator(seed: seed)
        var rejections = 0
        for run in 0..<runs {
            if run & 1023 == 0 { try Cancellation.check() }
            let x1 = Double(rng.nextBinomial(trials: perVariant, probability: baseline))
            let x2 = Double(rng.nextBinomial(trials: perVariant, probability: target))
            let pooled = (x1 + x2) / (2 * n)
            let se = (pooled * (1 - pooled) * 2 / n).squareRoot()
            guard se > 0 else { continue } // no conversions (or all) in both arms: z = 0, no rejection
            let z = (x2 - x1) / n / se
            switch sidedness {
            case .twoSided: if abs(z) > critical { rejections += 1 }
            case .oneSided: if z * direction > critical { rejections += 1 }
            }
        }
        let power = Double(rejections) / Double(runs)
        return PowerSimulation(power: power, rejections: rejections, runs: runs,
                               standardError: (power * (1 - power) / Double(runs)).squareRoot(),
                               perVariant: perVariant, seed: seed)
    }
}
