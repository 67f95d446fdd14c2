import Foundation
import UpshellCore

/// Which basket entries of the order model came from an upsell or cross-sell offer, read from the
/// column mapped to the `offer` role.
///
/// A line is from an offer when its offer cell holds a value other than empty, `none`, `no`, `false`,
/// `0`, `-` or `n/a` (any case). Each distinct value is an offer type (`upsell`, `cross-sell`, …);
/// `true`, `yes`, `1` and `y` mark a line as from an unnamed offer, labelled `offer`.
public struct OfferMarks: Sendable, Equatable {
    /// The offer types, as written in the data.
    public var types: [String]
    /// For each basket entry of `orders.items`, the index of its offer type, or `-1`. When an order holds
    /// the same product on an offer line and a plain line, the entry counts as from the offer.
    public var typeOfEntry: [Int32]

    /// Values that mean "not from an offer".
    public static let noOfferValues: Set<String> = ["", "none", "no", "false", "0", "-", "n/a", "na", "null"]
    /// Values that mean "from an offer" without naming its type.
    public static let yesValues: Set<String> = ["true", "yes", "1", "y"]
}

extension Dataset {
    /// The offer marks of the order model's basket entries, from the column playing the `offer` role.
    ///
    /// - Returns: `nil` when no column plays the `offer` role.
    /// - Complexity: O(lines + Σ log(basket size)).
    public func offerMarks() throws -> OfferMarks? {
        guard let column = roles[.offer], let model = orders else { return nil }
        let (values, rowValue) = rowLabels(column: column)
        // Offer type of each distinct value (-1: not an offer).
        var types: [String] = []
        var typeOfValue = [Int32](repeating: -1, count: values.count)
        var indexOfType: [String: Int32] = [:]
        for (v, raw) in values.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            let key = trimmed.lowercased()
            guard !OfferMarks.noOfferValues.contains(key) else { continue }
            let label = OfferMarks.yesValues.contains(key) ? "offer" : trimmed
            if let t = indexOfType[label.lowercased()] {
                typeOfValue[v] = t
            } else {
                let t = Int32(types.count)
                indexOfType[label.lowercased()] = t
                types.append(label)
                typeOfValue[v] = t
            }
        }
        let rowOrder = try rowOrderIds()
        let rowProduct = try rowProductIds()
        let o = model.orders
        var typeOfEntry = [Int32](repeating: -1, count: o.items.count)
        for i in 0..<rowOrder.count {
            if i & 0xFFFF == 0 { try Cancellation.check() }
            let v = rowValue[i]
            guard v >= 0 else { continue }
            let t = typeOfValue[Int(v)]
            let order = rowOrder[i], product = rowProduct[i]
            guard t >= 0, order >= 0, product >= 0 else { continue }
            // Binary search for the product in the order's sorted basket.
            var lo = Int(o.offsets[Int(order)]), hi = Int(o.offsets[Int(order) + 1])
            while lo < hi {
                let mid = (lo + hi) / 2
                if o.items[mid] < product { lo = mid + 1 } else { hi = mid }
            }
            if lo < Int(o.offsets[Int(order) + 1]), o.items[lo] == product, typeOfEntry[lo] < 0 { typeOfEntry[lo] = t }
        }
        return OfferMarks(types: types, typeOfEntry: typeOfEntry)
    }
}
