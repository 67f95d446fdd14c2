import Foundation
import UpshellData

/// How a currency is written before amounts: `GBP` → `£`, `EUR` → `€`; other ISO codes as `CHF 12.50`.
/// Money is shown in the dataset's currency (``Dataset/currency``), or in the session's (`set currency = GBP`);
/// `$` when neither says.
enum CurrencySymbol {
    /// The symbol shown when no dataset, load option or `set currency` names a currency.
    static let fallback = "$"

    static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "KRW": "₩", "BRL": "R$",
        "AUD": "A$", "CAD": "CA$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "MXN": "MX$", "ILS": "₪", "TRY": "₺",
        "PLN": "zł ", "RUB": "₽", "UAH": "₴", "VND": "₫", "PHP": "₱", "THB": "฿", "NGN": "₦",
    ]

    /// The prefix for `currency`: a known ISO code's symbol, another three-letter code followed by a space,
    /// or the text itself (a symbol such as `€`).
    static func symbol(for currency: String) -> String {
        let code = currency.trimmingCharacters(in: .whitespaces)
        if let symbol = symbols[code.uppercased()] { return symbol }
        if code.count == 3, code.allSatisfy(\.isLetter) { return code.uppercased() + " " }
        return code
    }

    /// Whether `text` reads as a currency: a three-letter code or a short symbol.
    static func isValid(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && t.count <= 4 && !t.contains(where: { $0.isNumber })
    }
}

extension Session {
    /// The currency symbol money is shown in for `dataset`: `set currency = …`, else the dataset's currency,
    /// else ``CurrencySymbol/fallback``.
    func currencySymbol(for dataset: Dataset?) -> String {
        if let set = variables["currency"], !set.isEmpty { return CurrencySymbol.symbol(for: set) }
        return dataset?.currency.map(CurrencySymbol.symbol(for:)) ?? CurrencySymbol.fallback
    }
}
