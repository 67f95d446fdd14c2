import Foundation
import UpshellCore

/// A span of calendar time `[start, end)` in seconds since 1970 UTC, written as a period or a range of
/// periods: `2025` (a year), `2025-Q4` (a quarter), `2025-11` (a month), `2025-11-03` (a day), and
/// `A..B` from the start of A to the end of B (`2025-01..2025-03`, `2025-01-01..2025-03-31`,
/// `2025-Q1..2025-Q2`).
public struct PeriodSpan: Sendable, Equatable {
    /// First second of the span.
    public var start: Int64
    /// First second after the span.
    public var end: Int64
    /// The text it was parsed from.
    public var label: String

    /// Whether `seconds` lies in the span.
    @inline(__always)
    public func contains(_ seconds: Int64) -> Bool { seconds >= start && seconds < end }

    /// Parses a period or `A..B`; `nil` when the text is not one (or names an impossible date, or B
    /// ends before A starts).
    public init?(_ text: String) {
        let t = text.trimmingCharactersInWhitespace()
        if let dots = t.range(of: "..") {
            guard let a = PeriodSpan.single(String(t[..<dots.lowerBound])),
                  let b = PeriodSpan.single(String(t[dots.upperBound...])), b.end > a.start else { return nil }
            self = PeriodSpan(start: a.start, end: b.end, label: t)
        } else {
            guard let p = PeriodSpan.single(t) else { return nil }
            self = p
        }
    }

    private init(start: Int64, end: Int64, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    private static func single(_ text: String) -> PeriodSpan? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        func day(_ y: Int, _ m: Int, _ d: Int) -> Int64? { CivilDate.daysSinceEpoch(year: y, month: m, day: d).map { Int64($0) * 86_400 } }
        switch parts.count {
        case 1:
            guard let s = day(year, 1, 1), let e = day(year + 1, 1, 1) else { return nil }
            return PeriodSpan(start: s, end: e, label: text)
        case 2:
            let p = parts[1]
            if p.uppercased().hasPrefix("Q"), p.count == 2, let q = Int(p.dropFirst()), (1...4).contains(q) {
                guard let s = day(year, 3 * q - 2, 1), let e = q == 4 ? day(year + 1, 1, 1) : day(year, 3 * q + 1, 1) else { return nil }
                return PeriodSpan(start: s, end: e, label: text)
            }
            guard p.count == 2, let m = Int(p), (1...12).contains(m),
                  let s = day(year, m, 1), let e = m == 12 ? day(year + 1, 1, 1) : day(year, m + 1, 1) else { return nil }
            return PeriodSpan(start: s, end: e, label: text)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, let m = Int(parts[1]), let d = Int(parts[2]),
                  let s = day(year, m, d) else { return nil }
            return PeriodSpan(start: s, end: s + 86_400, label: text)
        default:
            return nil
        }
    }
}

extension String {
    fileprivate func trimmingCharactersInWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
