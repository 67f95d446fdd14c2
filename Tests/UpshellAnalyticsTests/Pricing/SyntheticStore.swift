import Foundation
@testable import UpshellAnalytics

/// Synthetic stores for the threshold tests, in the spirit of `validate_bunching.out` (an independent
/// implementation): 40,000 orders whose baskets are sums of 1+ items from a catalogue (lumpy values), a
/// $50 threshold, and a planted top-up response: an order in reach adds one catalogue item priced in
/// `[gap, gap + reach]` (else the cheapest item ≥ gap) with the planted probability.
struct SyntheticStore {
    var values: [Double]
    /// Orders actually moved above the threshold.
    var moved: Int
    /// Latent orders in `[T − reach, T)`.
    var latentInReach: Int
    var items: ItemPriceTable
    var catalogue: [Double]

    /// Planted response: probability of topping up at gap `g`.
    init(seed: UInt64, orders: Int = 40_000, catalogueSize: Int = 500, threshold: Double = 50,
         reach: Double = 10, response: (Double) -> Double) {
        var rng = SeededGenerator(seed: seed)
        // item prices: log-normal, median $14, log-sd 0.7, in cents
        var catalogue = (0..<catalogueSize).map { _ in ((14 * exp(0.7 * rng.nextStandardNormal())) * 100).rounded() / 100 }
        catalogue.sort()
        self.catalogue = catalogue
        // popularity: Zipf-like weights
        let weights = (0..<catalogueSize).map { _ in pow(rng.nextOpenUniform(), 2) }
        var cum: [Double] = []
        var s = 0.0
        for w in weights { s += w; cum.append(s) }
        func draw() -> Double {
            let target = rng.nextUniform() * s
            var a = 0, b = cum.count - 1
            while a < b { let m = (a + b) / 2; if cum[m] < target { a = m + 1 } else { b = m } }
            return catalogue[a]
        }
        var values: [Double] = []
        var moved = 0
        var latentInReach = 0
        for _ in 0..<orders {
            var k = 1
            while rng.nextUniform() < 0.55 && k < 12 { k += 1 }
            var x = 0.0
            for _ in 0..<k { x += draw() }
            x = (x * 100).rounded() / 100
            let g = threshold - x
            if g > 0 && g <= reach {
                latentInReach += 1
                if rng.nextUniform() < response(g) {
                    // the sorted catalogue's items in [g, g + reach] (by binary search: same items, same order
                    // as a filter, so the same draws)
                    let lo = firstIndex(catalogue) { $0 >= g - 1e-9 }, hi = firstIndex(catalogue) { $0 > g + reach + 1e-9 }
                    let add = lo >= hi ? (catalogue.first { $0 >= g } ?? catalogue.last!) : catalogue[lo + rng.nextIndex(below: hi - lo)]
                    x = ((x + add) * 100).rounded() / 100
                    moved += 1
                }
            }
            values.append(x)
        }
        self.values = values
        self.moved = moved
        self.latentInReach = latentInReach
        var units = [Double: Double]()
        for p in catalogue { units[p, default: 0] += 1 }
        items = ItemPriceTable(units.map { .init(price: $0.key, units: $0.value, marginPerUnit: 0.4 * $0.key) })
    }
}

/// The first index of sorted `a` where `p` holds (`p` false then true along `a`), or `a.count`.
private func firstIndex(_ a: [Double], where p: (Double) -> Bool) -> Int {
    var lo = 0, hi = a.count
    while lo < hi { let m = (lo + hi) / 2; if p(a[m]) { hi = m } else { lo = m + 1 } }
    return lo
}
