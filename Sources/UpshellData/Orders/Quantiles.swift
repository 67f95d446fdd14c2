/// Quantiles without a full sort: quickselect (Hoare partition, median-of-three pivot), O(n) on average.
///
/// Used where only a few order statistics are needed from millions of values (the outlier fence's
/// quartiles); a full sort would cost O(n log n) on every load.
enum Quantiles {
    /// The `q` quantile of `values` with linear interpolation between order statistics (numpy's default,
    /// R's type 7): h = (n − 1)·q, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). NaN for no values.
    static func linear(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        var work = values
        let h = Double(values.count - 1) * q
        let lo = Int(h.rounded(.down))
        let low = select(&work, lo)
        guard lo + 1 < work.count, h > Double(lo) else { return low }
        // After selecting lo, everything right of lo is ≥ x[lo]: the next order statistic is their minimum.
        var next = Double.infinity
        for i in (lo + 1)..<work.count where work[i] < next { next = work[i] }
        return low + (h - Double(lo)) * (next - low)
    }

    /// Rearranges `a` so that `a[k]` holds the k-th smallest value, smaller ones before it and larger after.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var left = 0, right = a.count - 1
        while left < right {
            let mid = left + (right - left) / 2
            // median of three as pivot
            if a[mid] < a[left] { a.swapAt(mid, left) }
            if a[right] < a[left] { a.swapAt(right, left) }
            if a[right] < a[mid] { a.swapAt(right, mid) }
            let pivot = a[mid]
            var i = left, j = right
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { right = j } else if k >= i { left = i } else { break }
        }
        return a[k]
    }
}
