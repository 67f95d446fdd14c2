import UpshellCore

/// Maps column headers to roles automatically.
///
/// Headers are compared normalized (case, spaces, `_`, `-` and punctuation ignored; see
/// ``RoleSynonyms/normalize(_:)``). Candidates are ranked, and taken greedily best first, each role
/// going to at most one column and each column to at most one role:
/// 1. the assignments of a recognised store export (``KnownLayout``: Shopify, WooCommerce, Olist),
/// 2. exact synonyms, earlier synonyms first (``RoleSynonyms/exact``),
/// 3. id-like synonyms at the end of a longer header (``RoleSynonyms/suffixSynonyms``).
/// Ties go to the leftmost column, then to the role listed first in ``ColumnRole``. The result depends
/// only on the headers, so it is deterministic.
///
/// ```swift
/// let inference = RoleMapper.inferDetailed(headers: ["Date", "Time", "Transaction", "Item"])
/// inference.mapping[.order]   // 2
/// inference.timeParts         // TimeParts(date: 0, time: 1)
/// ```
public enum RoleMapper {
    /// Infers a role mapping from header names. Each role goes to at most one column, each column to at
    /// most one role. See ``inferDetailed(headers:)`` for split date/time columns and notes.
    public static func infer(headers: [String]) -> RoleMapping {
        inferDetailed(headers: headers).mapping
    }

    /// The date column and the time-of-day column of a file that stores them apart (bakery:
    /// `Date,Time,…`). The loader combines them into one timestamp for the ``ColumnRole/time`` role,
    /// which is mapped to `date`.
    public struct TimeParts: Sendable, Equatable {
        /// Column index of the calendar date.
        public var date: Int
        /// Column index of the clock time.
        public var time: Int
        public init(date: Int, time: Int) {
            self.date = date
            self.time = time
        }
    }

    /// Everything inferred from a header row: the mapping, and what the loader must do beyond it.
    public struct Inference: Sendable, Equatable {
        /// The headers as given.
        public var headers: [String]
        /// Column index per role.
        public var mapping: RoleMapping
        /// Set when the order time is split into a date column and a time column.
        public var timeParts: TimeParts?
        /// The store export recognised, if any.
        public var layout: KnownLayout?
        /// True when no column is an order id but customer and time are known: the loader should derive
        /// one order per customer × calendar day (as for CDNOW, where each purchase line is separate).
        public var needsDerivedOrders: Bool
        /// Sentences for the person loading the file (printed under the mapping).
        public var notes: [String]
    }

    /// Infers roles and the loader hints for a header row. O(columns × synonyms).
    public static func inferDetailed(headers: [String]) -> Inference {
        let normalized = headers.map(RoleSynonyms.normalize)
        let present = Set(normalized)
        let layout = KnownLayout.all.first { $0.matches(present) }
        let roleOrder = Dictionary(uniqueKeysWithValues: ColumnRole.allCases.enumerated().map { ($1, $0) })

        // (tier, rank, column, role order) — smaller is better.
        var candidates: [(tier: Int, rank: Int, column: Int, role: ColumnRole)] = []
        for (column, key) in normalized.enumerated() where !key.isEmpty {
            if let layout {
                if layout.ignored.contains(key) { continue }
                for (rank, assignment) in layout.assignments.enumerated() where assignment.header == key {
                    candidates.append((0, rank, column, assignment.role))
                }
            }
            for (role, synonyms) in RoleSynonyms.exact {
                if let rank = synonyms.firstIndex(of: key) { candidates.append((1, rank, column, role)) }
            }
            for (role, suffixes) in RoleSynonyms.suffixSynonyms {
                if let rank = suffixes.firstIndex(where: { key.count > $0.count && key.hasSuffix($0) }) {
                    candidates.append((2, rank, column, role))
                }
            }
        }
        candidates.sort {
            ($0.tier, $0.rank, $0.column, roleOrder[$0.role, default: 0])
                < ($1.tier, $1.rank, $1.column, roleOrder[$1.role, default: 0])
        }
        var mapping = RoleMapping()
        var usedColumns = Set<Int>()
        for candidate in candidates where mapping[candidate.role] == nil && !usedColumns.contains(candidate.column) {
            mapping[candidate.role] = candidate.column
            usedColumns.insert(candidate.column)
        }

        var notes = layout?.notes ?? []
        var timeParts: TimeParts?
        if let dateColumn = mapping[.time], RoleSynonyms.dateOnly.contains(normalized[dateColumn]),
           let clockColumn = normalized.indices.first(where: {
               !usedColumns.contains($0) && RoleSynonyms.timeOfDay.contains(normalized[$0])
           }) {
            timeParts = TimeParts(date: dateColumn, time: clockColumn)
            notes.append("order time combines '\(headers[dateColumn])' and '\(headers[clockColumn])'")
        }
        let needsDerivedOrders = mapping[.order] == nil && mapping[.customer] != nil && mapping[.time] != nil
        if needsDerivedOrders {
            notes.append("no order column: each customer's purchases on one calendar day form one order")
        }
        if mapping[.productName] == nil, let product = mapping[.product] {
            notes.append("product names are taken from '\(headers[product])'")
        }
        if mapping[.product] == nil && mapping[.productName] == nil {
            notes.append("no product column: basket and product analyses are unavailable")
        }
        if layout == .olist, mapping[.time] == nil, let limit = normalized.firstIndex(of: "shippinglimitdate") {
            notes.append("no purchase time: 'map time=\(headers[limit])' gives an approximate date")
        }
        return Inference(headers: headers, mapping: mapping, timeParts: timeParts, layout: layout,
                         needsDerivedOrders: needsDerivedOrders, notes: notes)
    }

    /// Recognises a headerless file by its shape and says which column names to give it, so that
    /// ``infer(headers:)`` maps them. Today: the CDNOW purchase file (five whitespace-separated fields:
    /// id, id, `YYYYMMDD`, count, dollars).
    ///
    /// - Parameters:
    ///   - columnCount: fields per line.
    ///   - sample: the first lines, already split into fields (a few dozen are enough).
    public static func knownHeaderless(columnCount: Int, sample: [[String]]) -> HeaderlessLayout? {
        guard columnCount == 5, !sample.isEmpty else { return nil }
        for row in sample {
            guard row.count == 5,
                  Int(row[0]) != nil, Int(row[1]) != nil, isCompactDate(row[2]),
                  Int(row[3]) != nil, Double(row[4]) != nil
            else { return nil }
        }
        return .cdnow
    }

    /// `YYYYMMDD` with a plausible year, month and day.
    static func isCompactDate(_ text: String) -> Bool {
        guard text.utf8.count == 8, let value = Int(text) else { return false }
        let year = value / 10_000, month = value / 100 % 100, day = value % 100
        return (1900...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// The roles in `required` that nothing stands in for. ``ColumnRole/order`` counts as present when
    /// orders can be derived from customer × day; ``ColumnRole/product`` when a product name is mapped.
    /// By default only the order is required (customer-only files such as CDNOW still load).
    public static func missingRoles(in inference: Inference, required: Set<ColumnRole> = [.order]) -> [ColumnRole] {
        ColumnRole.allCases.filter { role in
            guard required.contains(role), inference.mapping[role] == nil else { return false }
            switch role {
            case .order: return !inference.needsDerivedOrders
            case .product: return inference.mapping[.productName] == nil
            default: return true
            }
        }
    }

    /// The error to report when required roles are missing, or `nil` when the mapping is usable.
    public static func missingRolesError(for inference: Inference,
                                         required: Set<ColumnRole> = [.order]) -> MissingRolesError? {
        let missing = missingRoles(in: inference, required: required)
        guard !missing.isEmpty else { return nil }
        let mapped = Set(inference.mapping.columns.values)
        let unmapped = inference.headers.indices.filter { !mapped.contains($0) }.map { inference.headers[$0] }
        return MissingRolesError(missing: missing, unmappedColumns: unmapped)
    }

    /// Says which roles are missing and how to map them (`map order=COLUMN`), or `nil` when none is.
    /// The text is ``MissingRolesError/description`` (message, then `hint:` line).
    public static func missingRolesMessage(for inference: Inference,
                                           required: Set<ColumnRole> = [.order]) -> String? {
        missingRolesError(for: inference, required: required)?.description
    }

    /// Convenience for a bare header row.
    public static func missingRolesMessage(forHeaders headers: [String]) -> String? {
        missingRolesMessage(for: inferDetailed(headers: headers))
    }
}

/// Required roles that no column could be mapped to.
public struct MissingRolesError: UserFacingError, Equatable {
    /// The roles missing, in ``ColumnRole`` order.
    public let missing: [ColumnRole]
    /// Headers of the columns that have no role (candidates for `map`).
    public let unmappedColumns: [String]

    public var message: String {
        let what = missing.map { role -> String in
            switch role {
            case .order: "an order id"
            case .product: "a product"
            default: "'\(role.shellName)'"
            }
        }
        return "no column looks like \(what.joined(separator: " or ")) (missing roles: "
            + missing.map(\.shellName).joined(separator: ", ") + ")"
    }

    public var hint: String? {
        let example = missing.map { "\($0.shellName)=COLUMN" }.joined(separator: " ")
        var text = "map them by hand: 'map \(example)'"
        if !unmappedColumns.isEmpty {
            let shown = unmappedColumns.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            text += "; columns without a role: \(shown)" + (unmappedColumns.count > 12 ? ", …" : "")
        }
        if missing.contains(.order) {
            text += "; without an order id, map customer and time and orders are formed per customer and day"
        }
        return text
    }
}
