import UpshellCore
import UpshellData

/// The load summary as people read it; the data layer keeps the counts, the shell writes the text.
extension LoadSummary {
    /// `541,909 lines · 19,959 orders · 4,338 customers · 3,665 products · 2010-12-01 … 2011-12-09 · 0.41 s`
    public var oneLine: String {
        func count(_ n: Int, _ noun: String) -> String { "\(LoadSummary.grouped(n)) \(noun)\(n == 1 ? "" : "s")" }
        var parts = [count(lines, "line")]
        if orders > 0 { parts.append(count(orders, "order")) }
        if customers > 0 { parts.append(count(customers, "customer")) }
        if products > 0 { parts.append(count(products, "product")) }
        if let r = dateRange {
            parts.append("\(CivilDate.format(seconds: r.lowerBound)) … \(CivilDate.format(seconds: r.upperBound))")
        }
        let hundredths = Int((seconds * 100).rounded())
        parts.append("\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s")
        return parts.joined(separator: " · ")
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ v: Int) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }
}
