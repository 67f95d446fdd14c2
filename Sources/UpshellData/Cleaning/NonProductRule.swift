import Foundation

/// Which "products" are not products: postage, carriage, fees, bank charges, commissions, manual
/// adjustments, samples and placeholder items — lines that add money to an order (or none) but say
/// nothing about what customers buy together.
///
/// The rule reads each product's code, name and unit prices (over the lines cleaning kept). A product is
/// a non-product when one of these holds:
/// 1. **Known code** — its code, trimmed and upper-cased, is in ``knownCodes`` (`POST`, `DOT`,
///    `BANK CHARGES`, `AMAZONFEE`, `CRUK`, `C2`, `PADS`, `NONE`, `SHIPPING` …); or it is one of the one-letter
///    ``letterCodes`` (`M`, `D`, `B`, `S`) and has no name of its own (no name, or the code again). A
///    one-letter SKU named like a product (`B`, "Bread") is a product unless a later test says otherwise.
/// 2. **Fee name** — its code holds no digit and its name (the code when there is none) holds one of
///    ``feeWords`` as a whole word (`DOTCOM POSTAGE`, `AMAZON FEE`, `Bank Charges`, `Adjustment`). A code
///    with digits is a catalogue number and is trusted: `23444 Next Day Carriage` stays a product.
/// 3. **Placeholder code** — in a catalogue of numbered codes (at least ``numberedCatalogueShare`` of the
///    products' codes hold a digit), a code without a digit of at most two characters (`S`, `M`, `B`).
/// 4. **Price behaviour** — every unit price is above 0 and below ``placeholderPrice`` (`PADS` at 0.001),
///    or the highest unit price is more than ``chargeSpread`` times the lowest positive one (`POST` from
///    0.55 to 8,142.75: an amount typed per order, not a price).
///
/// On UCI Online Retail after the default cleaning this finds `POST DOT M BANK CHARGES AMAZONFEE C2 S
/// PADS` (and `m`); on the Bakery file `NONE` and `Adjustment`; on Groceries and the demo store nothing.
///
/// ```swift
/// let flags = NonProductRule.detect(codes: ["POST", "85123A"], names: ["POSTAGE", "HEART"],
///                                   minPrice: [18, 2.55], maxPrice: [18, 2.95])   // [true, false]
/// ```
/// - Complexity: O(products × name length).
public enum NonProductRule {
    /// Codes that are fees, postage, adjustments or placeholders wherever they appear (upper case).
    public static let knownCodes: Set<String> = [
        "POST", "POSTAGE", "DOT", "C2", "CARRIAGE", "SHIPPING", "DELIVERY", "FEE", "MANUAL", "DISCOUNT",
        "ADJUST", "ADJUSTMENT", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "NONE", "NULL", "N/A",
    ]
    /// One-letter codes that are manual lines, discounts, bad-debt adjustments or samples in shop exports
    /// (Online Retail's `M`, `D`, `B`, `S`), but also plausible SKUs: non-products only without a name of
    /// their own (test 1) or by another test.
    public static let letterCodes: Set<String> = ["M", "D", "B", "S"]
    /// Words that mark a fee, charge, adjustment or sample in a product's name (lower case, whole words).
    public static let feeWords: Set<String> = [
        "postage", "carriage", "shipping", "delivery", "fee", "fees", "charge", "charges", "manual", "adjust",
        "adjustment", "discount", "commission", "sample", "samples",
    ]
    /// Share of codes holding a digit above which the catalogue counts as numbered (test 3).
    public static let numberedCatalogueShare = 0.9
    /// A unit price below this on every line is a placeholder (test 4): less than the smallest coin.
    public static let placeholderPrice = 0.01
    /// Highest ÷ lowest unit price above which the amounts are typed per order (test 4).
    public static let chargeSpread = 1000.0

    /// The rule in one paragraph, as `help clean` states it.
    public static let statement = """
        A product is a non-product line (postage, fees, bank charges, manual adjustments, samples, \
        placeholders) when (1) its code, upper-cased, is a known one: \(knownCodes.sorted().joined(separator: ", ")), \
        or one of \(letterCodes.sorted().joined(separator: ", ")) with no name of its own; \
        or (2) its code holds no digit and its name holds a fee word: \(feeWords.sorted().joined(separator: ", ")) \
        (a code with digits is a catalogue number and stays a product); or (3) most codes (90%) hold a digit and \
        its code is one or two characters without one; or (4) every unit price is below 0.01, or the highest is \
        more than 1,000 times the lowest (an amount typed per order).
        """

    /// One flag per product of `products`: whether it is a non-product (the rule above).
    public static func detect(_ products: Products) -> [Bool] {
        detect(codes: products.key, names: products.name, minPrice: products.minPrice, maxPrice: products.maxPrice)
    }

    /// One flag per code. `names`, `minPrice` and `maxPrice` are aligned with `codes` or empty (unknown);
    /// a price is `.nan` when unknown.
    public static func detect(codes: [String], names: [String], minPrice: [Double], maxPrice: [Double]) -> [Bool] {
        let numbered = codes.isEmpty ? false
            : Double(codes.filter(hasDigit).count) >= numberedCatalogueShare * Double(codes.count)
        return codes.indices.map { k in
            let name = k < names.count && !names[k].isEmpty ? names[k] : codes[k]
            let low = k < minPrice.count ? minPrice[k] : .nan, high = k < maxPrice.count ? maxPrice[k] : .nan
            return isNonProduct(code: codes[k], name: name, numberedCatalogue: numbered, lowestPrice: low, highestPrice: high)
        }
    }

    /// Whether one product is a non-product: the four tests of the rule.
    public static func isNonProduct(code: String, name: String, numberedCatalogue: Bool,
                                    lowestPrice: Double, highestPrice: Double) -> Bool {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if knownCodes.contains(upper) { return true }
        if letterCodes.contains(upper) {
            let ownName = name.trimmingCharacters(in: .whitespaces).uppercased()
            if ownName.isEmpty || ownName == upper { return true }
        }
        let digitless = !hasDigit(trimmed)
        if digitless && holdsFeeWord(name) { return true }
        if numberedCatalogue && digitless && !trimmed.isEmpty && trimmed.count <= 2 { return true }
        if highestPrice > 0 && highestPrice < placeholderPrice { return true }
        return lowestPrice > 0 && highestPrice > chargeSpread * lowestPrice
    }

    /// Whether `text` holds a digit (0–9).
    static func hasDigit(_ text: String) -> Bool { text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }

    /// Whether `name` holds one of ``feeWords`` as a whole word (letters between non-letters), ignoring case.
    static func holdsFeeWord(_ name: String) -> Bool {
        name.lowercased().split { !$0.isLetter }.contains { feeWords.contains(String($0)) }
    }
}
