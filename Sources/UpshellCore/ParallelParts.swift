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
        return each(n) { k in body(bounds[k]..<bounds[k + 1]) }
    }

    /// `body(k)` for every k in `0..<count`, side by side (`DispatchQueue.concurrentPerform`, one iteration
    /// per k) unless `serially` or `count` < 2; results in index order. The one place where concurrent
    /// iterations write their own result slot through a pointer.
    ///
    /// ```swift
    /// let columns = ParallelParts.each(names.count) { c in convert(names[c]) }
    /// ```
    public static func each<T>(_ count: Int, serially: Bool = false, _ body: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            let slots = Slots(base: base)
            if serially || count < 2 {
                for k in 0..<count { slots.base[k] = body(k) }
            } else {
                DispatchQueue.concurrentPerform(iterations: count) { k in slots.base[k] = body(k) }
            }
        }
        return results.map { $0! }
    }

    /// Where each part writes its result: slot `k` belongs to part `k` only.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T?>
    }
}
