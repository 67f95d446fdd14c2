import Foundation

/// A fast, seeded pseudo-random generator: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom
/// number generators", 2018), its state filled from the seed by SplitMix64 (Steele, Lea & Flood, 2014).
///
/// A value type: copying it forks the stream. The same seed gives the same stream on every run and
/// platform, so bootstraps and simulations are reproducible. Every draw this module makes goes through
/// the methods below (never the standard library's `random(in:using:)`, whose algorithm may change).
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.nextUniform()          // in [0, 1)
/// let k = rng.nextBinomial(trials: 8158, probability: 0.05)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose 256-bit state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable
    public mutating func next() -> UInt64 { nextBits() }

    @usableFromInline
    mutating func nextBits() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): never exactly 0, safe to take the logarithm of.
    @inlinable
    public mutating func nextOpenUniform() -> Double {
        (Double(nextBits() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A uniform integer in 0..<bound (bound > 0; returns 0 otherwise), without modulo bias
    /// (Lemire, "Fast random integer generation in an interval", 2019).
    public mutating func nextIndex(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = nextBits().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = nextBits().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A standard normal variate (Marsaglia's polar method; the spare value is discarded to keep the
    /// generator a plain state).
    public mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }
}
