import Dispatch

/// Splits `0..<count` into contiguous parts worked on side by side (one per core on this 2-core
/// class of machine), for scans over millions of orders whose per-part results merge cheaply.
public enum ParallelParts {
    /// `body` applied to each part of `0..<count`, results in part order. Small counts run in one part.
    public static func map<T: Sendable>(count: Int, parts: Int = 2, minimumPerPart: Int = 100_000,
                                        _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let n = max(1, min(parts, count / max(minimumPerPart, 1)))
        if n == 1 { return [body(0..<count)] }
        let bounds = (0...n).map { count * $0 / n }
        var results = [T?](repeating: nil, count: n)
        results.withUnsafeMutableBufferPointer { out in
            let slots = Slots(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: n) { k in
                slots.base[k] = body(bounds[k]..<bounds[k + 1])
            }
        }
        return results.map { $0! }
    }

    /// Where each part writes its result: slot `k` belongs to part `k` only.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T?>
    }
}
