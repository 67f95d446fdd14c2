import UpshellCore

/// A filter resolved against concrete columns and type-checked: every text predicate already turned into
/// a table of accepted dictionary codes, every number or time predicate into intervals.
indirect enum CompiledFilter {
    case and(CompiledFilter, CompiledFilter)
    case or(CompiledFilter, CompiledFilter)
    case not(CompiledFilter)
    /// Rows whose value lies in any interval (or in none, when `negated`); NaN rows never match.
    case numeric([Double], [NumericInterval], negated: Bool)
    /// Rows whose time lies in any half-open `[lower, upper)` range (or none, when `negated`);
    /// `Int64.min` rows never match.
    case time([Int64], [(lower: Int64, upper: Int64)], negated: Bool)
    /// Rows whose code is accepted; code `-1` (null) never matches.
    case text(codes: [Int32], accepted: [Bool])
    case numericIsNull([Double], negated: Bool)
    case timeIsNull([Int64], negated: Bool)
    case textIsNull([Int32], negated: Bool)
}

/// A closed, open or half-open interval of numbers.
struct NumericInterval: Equatable {
    var lower: Double, lowerIncluded: Bool
    var upper: Double, upperIncluded: Bool

    static func point(_ v: Double) -> NumericInterval { .init(lower: v, lowerIncluded: true, upper: v, upperIncluded: true) }

    @inline(__always) func contains(_ v: Double) -> Bool {
        (lowerIncluded ? v >= lower : v > lower) && (upperIncluded ? v <= upper : v < upper)
    }
}

/// Resolves column names and checks value types; all errors carry positions in the expression.
struct FilterCompiler<Provider: FilterColumnProvider> {
    let provider: Provider
    /// Lower-cased dictionaries, computed once per column.
    private var lowered: [String: [String]] = [:]

    init(provider: Provider) { self.provider = provider }

    mutating func compile(_ node: FilterNode) throws(FilterError) -> CompiledFilter {
        switch node {
        case .and(let a, let b): return .and(try compile(a), try compile(b))
        case .or(let a, let b): return .or(try compile(a), try compile(b))
        case .not(let a): return .not(try compile(a))
        case .comparison(let name, let position, let length, let predicate):
            guard let column = provider.filterColumn(named: name) else {
                let names = provider.filterColumnNames
                let list = "columns: " + names.prefix(30).joined(separator: ", ") + (names.count > 30 ? ", …" : "")
                let hint = Suggestions.didYouMean(name, in: names).map { "\($0) \(list)" } ?? list
                throw FilterError(.unknownColumn, "unknown column '\(name)'", hint: hint, position: position,
                                  length: length)
            }
            let ref = ColumnReference(name: name, position: position, length: length)
            switch column {
            case .numeric(let values): return try numeric(values, predicate, ref)
            case .time(let values): return try time(values, predicate, ref)
            case .text(let codes, let dictionary):
                let key = name.lowercased()
                let lower = lowered[key] ?? dictionary.map { $0.lowercased() }
                lowered[key] = lower
                return try text(codes, dictionary, lower, predicate, ref)
            }
        }
    }

    struct ColumnReference { var name: String, position: Int, length: Int }

    // MARK: Numbers

    func numeric(_ values: [Double], _ predicate: FilterPredicate, _ ref: ColumnReference) throws(FilterError) -> CompiledFilter {
        func number(_ literal: FilterLiteral) throws(FilterError) -> Double {
            switch literal.value {
            case .number(let n): return n
            case .text(let s): if let n = FilterTokenizer.number(s) { return n }
            case .time: break
            }
            let what = if case .time = literal.value { "is a date" } else { "is not a number" }
            throw FilterError(.typeMismatch, "'\(ref.name)' is a number column; '\(literal.source)' \(what)",
                              hint: "compare it with a number such as 10, 12.5, $50 or 20%",
                              position: literal.position, length: literal.length)
        }
        let inf = Double.infinity
        switch predicate {
        case .compare(let op, let literal):
            let v = try number(literal)
            switch op {
            case .equal: return .numeric(values, [.point(v)], negated: false)
            case .notEqual: return .numeric(values, [.point(v)], negated: true)
            case .less: return .numeric(values, [.init(lower: -inf, lowerIncluded: true, upper: v, upperIncluded: false)], negated: false)
            case .lessOrEqual: return .numeric(values, [.init(lower: -inf, lowerIncluded: true, upper: v, upperIncluded: true)], negated: false)
            case .greater: return .numeric(values, [.init(lower: v, lowerIncluded: false, upper: inf, upperIncluded: true)], negated: false)
            case .greaterOrEqual: return .numeric(values, [.init(lower: v, lowerIncluded: true, upper: inf, upperIncluded: true)], negated: false)
            }
        case .oneOf(let literals, let negated):
            var points: [NumericInterval] = []
            for literal in literals { points.append(.point(try number(literal))) }
            return .numeric(values, points, negated: negated)
        case .between(let low, let high, let negated):
            let interval = NumericInterval(lower: try number(low), lowerIncluded: true, upper: try number(high), upperIncluded: true)
            return .numeric(values, [interval], negated: negated)
        case .contains:
            throw containsNeedsText(ref, kind: "number")
        case .isNull(let negated):
            return .numericIsNull(values, negated: negated)
        }
    }

    // MARK: Times

    func time(_ values: [Int64], _ predicate: FilterPredicate, _ ref: ColumnReference) throws(FilterError) -> CompiledFilter {
        func span(_ literal: FilterLiteral) throws(FilterError) -> FilterTime.Span {
            switch literal.value {
            case .time(let start, let seconds): return FilterTime.Span(start: start, seconds: seconds)
            case .text(let s):
                switch FilterTime.parse(s, allowSpace: true) {
                case .span(let span): return span
                case .invalid:
                    throw FilterError(.invalidLiteral, "'\(s)' is not a valid date",
                                      hint: "write dates as YYYY-MM-DD, optionally with THH:MM or THH:MM:SS",
                                      position: literal.position, length: literal.length)
                case .notADate: break
                }
            case .number: break
            }
            throw FilterError(.typeMismatch, "'\(ref.name)' is a time column; '\(literal.source)' is not a date",
                              hint: "write dates as 2011-01-01 or date-times as 2011-01-01T10:00",
                              position: literal.position, length: literal.length)
        }
        let lowest = Int64.min + 1, highest = Int64.max
        switch predicate {
        case .compare(let op, let literal):
            let s = try span(literal)
            switch op {
            case .equal: return .time(values, [(s.start, s.end)], negated: false)
            case .notEqual: return .time(values, [(s.start, s.end)], negated: true)
            case .less: return .time(values, [(lowest, s.start)], negated: false)
            case .lessOrEqual: return .time(values, [(lowest, s.end)], negated: false)
            case .greater: return .time(values, [(s.end, highest)], negated: false)
            case .greaterOrEqual: return .time(values, [(s.start, highest)], negated: false)
            }
        case .oneOf(let literals, let negated):
            var ranges: [(lower: Int64, upper: Int64)] = []
            for literal in literals { let s = try span(literal); ranges.append((s.start, s.end)) }
            return .time(values, ranges, negated: negated)
        case .between(let low, let high, let negated):
            return .time(values, [(try span(low).start, try span(high).end)], negated: negated)
        case .contains:
            throw containsNeedsText(ref, kind: "time")
        case .isNull(let negated):
            return .timeIsNull(values, negated: negated)
        }
    }

    // MARK: Text

    func text(_ codes: [Int32], _ dictionary: [String], _ lower: [String], _ predicate: FilterPredicate,
              _ ref: ColumnReference) throws(FilterError) -> CompiledFilter {
        /// Per-entry equality with a literal: case-insensitive text, or the same number (`17850` = `17850.0`).
        func equalityTable(_ literal: FilterLiteral) -> [Bool] {
            let key = literal.source.lowercased()
            if case .number(let n) = literal.value {
                return dictionary.indices.map { lower[$0] == key || Double(dictionary[$0]) == n }
            }
            return lower.map { $0 == key }
        }
        func orderKey(_ literal: FilterLiteral, _ op: String) throws(FilterError) -> String {
            if case .number = literal.value {
                throw FilterError(.typeMismatch,
                                  "'\(ref.name)' is a text column and cannot be compared with the number "
                                      + "'\(literal.source)' by '\(op)'",
                                  hint: "quote the value to compare text (\(ref.name) \(op) \"\(literal.source)\"), "
                                      + "or use = or in", position: literal.position, length: literal.length)
            }
            return literal.source.lowercased()
        }
        switch predicate {
        case .compare(let op, let literal):
            switch op {
            case .equal: return .text(codes: codes, accepted: equalityTable(literal))
            case .notEqual: return .text(codes: codes, accepted: equalityTable(literal).map { !$0 })
            case .less: let k = try orderKey(literal, "<"); return .text(codes: codes, accepted: lower.map { $0 < k })
            case .lessOrEqual: let k = try orderKey(literal, "<="); return .text(codes: codes, accepted: lower.map { $0 <= k })
            case .greater: let k = try orderKey(literal, ">"); return .text(codes: codes, accepted: lower.map { $0 > k })
            case .greaterOrEqual: let k = try orderKey(literal, ">="); return .text(codes: codes, accepted: lower.map { $0 >= k })
            }
        case .oneOf(let literals, let negated):
            var accepted = [Bool](repeating: false, count: dictionary.count)
            for literal in literals {
                for (i, hit) in equalityTable(literal).enumerated() where hit { accepted[i] = true }
            }
            return .text(codes: codes, accepted: negated ? accepted.map { !$0 } : accepted)
        case .between(let low, let high, let negated):
            let lo = try orderKey(low, "between"), hi = try orderKey(high, "between")
            return .text(codes: codes, accepted: lower.map { ($0 >= lo && $0 <= hi) != negated })
        case .contains(let literal, let negated):
            let needle = literal.source.lowercased()
            return .text(codes: codes, accepted: lower.map { $0.contains(needle) != negated })
        case .isNull(let negated):
            return .textIsNull(codes, negated: negated)
        }
    }

    func containsNeedsText(_ ref: ColumnReference, kind: String) -> FilterError {
        FilterError(.typeMismatch, "'contains' needs a text column; '\(ref.name)' is a \(kind) column",
                    hint: "compare \(kind)s with =, <, >, between or in", position: ref.position, length: ref.length)
    }
}
