import UpshellData

/// What the offer engine knows of each product, by product id: name, category and brand (as small
/// integer codes, `-1` unknown), mean price, margin share, inventory, strategic flag, and whether it can
/// be offered at all (non-product lines cannot).
public struct OfferCatalogue: Sendable {
    /// Display name (the product name, else its key).
    public var names: [String]
    /// Product keys (SKU).
    public var keys: [String]
    /// Category code, `-1` unknown.
    public var category: [Int32]
    /// Brand code, `-1` unknown.
    public var brand: [Int32]
    /// Category names by code.
    public var categoryNames: [String]
    /// Brand names by code.
    public var brandNames: [String]
    /// Mean unit price, `.nan` unknown.
    public var price: [Double]
    /// Margin share (price − cost)/price, `.nan` unknown.
    public var margin: [Double]
    /// Units in stock, `.nan` unknown.
    public var inventory: [Double]
    /// Strategic flag (new, overstock, house brand…).
    public var strategic: [Bool]
    /// Whether the product is an item at all (false for postage, fees, placeholders).
    public var offerable: [Bool]

    /// Number of products.
    public var count: Int { names.count }
    /// Whether any product has a category or a brand.
    public var hasContent: Bool { !categoryNames.isEmpty || !brandNames.isEmpty }

    /// The catalogue of `model`'s products.
    public init(_ model: OrderModel) {
        let p = model.products
        names = (0..<p.count).map { p.name.indices.contains($0) && !p.name[$0].isEmpty ? p.name[$0] : p.key[$0] }
        keys = p.key
        (category, categoryNames) = Self.codes(p.category, count: p.count)
        (brand, brandNames) = Self.codes(p.brand, count: p.count)
        price = (0..<p.count).map { p.meanPrice.indices.contains($0) ? p.meanPrice[$0] : .nan }
        margin = (0..<p.count).map { p.margin($0) }
        inventory = (0..<p.count).map { p.inventory.indices.contains($0) ? p.inventory[$0] : .nan }
        strategic = (0..<p.count).map { p.strategic.indices.contains($0) && p.strategic[$0] }
        offerable = (0..<p.count).map { !p.isOutOfBaskets($0) }
    }

    /// A catalogue of plain names (tests): no attributes, every product offerable.
    public init(names: [String]) {
        self.names = names
        keys = names
        category = [Int32](repeating: -1, count: names.count)
        brand = category
        categoryNames = []
        brandNames = []
        price = [Double](repeating: .nan, count: names.count)
        margin = price
        inventory = price
        strategic = [Bool](repeating: false, count: names.count)
        offerable = [Bool](repeating: true, count: names.count)
    }

    static func codes(_ values: [String], count: Int) -> ([Int32], [String]) {
        var codeOf: [String: Int32] = [:]
        var names: [String] = []
        var out = [Int32](repeating: -1, count: count)
        for i in 0..<min(count, values.count) where !values[i].isEmpty {
            if let c = codeOf[values[i]] { out[i] = c; continue }
            let c = Int32(names.count)
            codeOf[values[i]] = c
            names.append(values[i])
            out[i] = c
        }
        return (out, names)
    }

    /// Whether `a` and `b` are near-substitutes: same category and prices within `band` (0.25: ±25 %).
    public func nearSubstitutes(_ a: Int32, _ b: Int32, band: Double = 0.25) -> Bool {
        let ca = category[Int(a)]
        guard ca >= 0, ca == category[Int(b)] else { return false }
        let pa = price[Int(a)], pb = price[Int(b)]
        guard pa.isFinite, pb.isFinite, pa > 0, pb > 0 else { return false }
        return abs(pb / pa - 1) <= band
    }

    /// Content similarity of `candidate` to `anchor`: 0.5·same category + 0.3·same brand + 0.2·price
    /// closeness (max(0, 1 − |ln(p_c/p_a)|/ln 2)); 0 unless category or brand match.
    public func contentScore(_ anchor: Int32, _ candidate: Int32) -> Double {
        let a = Int(anchor), c = Int(candidate)
        let sameCategory = category[a] >= 0 && category[a] == category[c]
        let sameBrand = brand[a] >= 0 && brand[a] == brand[c]
        guard sameCategory || sameBrand else { return 0 }
        var s = (sameCategory ? 0.5 : 0) + (sameBrand ? 0.3 : 0)
        let pa = price[a], pc = price[c]
        if pa.isFinite, pc.isFinite, pa > 0, pc > 0 { s += 0.2 * max(0, 1 - abs(log(pc / pa)) / log(2.0)) }
        return s
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
