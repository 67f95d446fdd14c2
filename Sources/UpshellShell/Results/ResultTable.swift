/// A column of a result table: its name, how its values are shown and which side they align to.
public struct ResultColumn: Sendable, Equatable {
    public var name: String
    public var format: ValueFormat
    /// Whether the table renderer aligns the column right; by default numbers right, text and dates left.
    /// Columns of p-values, signed changes and intervals in the experiment and pricing reports keep the
    /// left alignment they had as text (`align: .left`).
    public var alignsRight: Bool

    /// A column's side in a table.
    public enum Alignment: Sendable { case left, right }

    public init(_ name: String, _ format: ValueFormat = .text, align: Alignment? = nil) {
        self.name = name
        self.format = format
        self.alignsRight = align.map { $0 == .right } ?? format.alignsRight
    }
}

/// A typed table of results: columns with formats, rows of values, an optional title.
public struct ResultTable: Sendable, Equatable {
    public var title: String?
    public var columns: [ResultColumn]
    public var rows: [[Value]]

    public init(title: String? = nil, columns: [ResultColumn], rows: [[Value]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row; it must have one value per column.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row width \(row.count) ≠ \(columns.count) columns")
        rows.append(row)
    }

    /// The index of a column by name (case-insensitive).
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}

/// A terminal chart: labelled bars, a histogram or a sparkline, with the data it was drawn from.
public struct Chart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Horizontal bars, one per label.
        case bars
        /// Horizontal bars for bins of a distribution.
        case histogram
        /// One line of block characters.
        case sparkline
        /// A grid shaded by value (cohort retention): one row per label, one column per name in `columns`;
        /// ``Chart/values`` holds the rows one after another, NaN for cells not observed.
        case heatmap(columns: [String])
    }
    public var kind: Kind
    public var title: String?
    public var labels: [String]
    public var values: [Double]
    /// How values are shown beside the bars.
    public var format: ValueFormat
    /// A label to mark (e.g. the best value of a sweep).
    public var marked: Int?
    /// Where bars start (default 0). A sweep whose values differ by a few percent starts them just below the
    /// smallest value, so that the bars show the differences; the title says so.
    public var baseline: Double?

    public init(kind: Kind, title: String? = nil, labels: [String], values: [Double], format: ValueFormat = .decimal(2), marked: Int? = nil,
                baseline: Double? = nil) {
        self.kind = kind
        self.title = title
        self.labels = labels
        self.values = values
        self.format = format
        self.marked = marked
        self.baseline = baseline
    }

    /// A baseline for positive values that differ by less than a quarter of the largest (bars from 0
    /// would look equal): a third of their spread below the smallest; `nil` otherwise.
    public static func zoomedBaseline(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), lo > 0, hi > lo, hi - lo < 0.25 * hi else { return nil }
        return lo - (hi - lo) / 3
    }

    /// The chart's data as a table (for csv/json output and export): label and value, or for a heat map
    /// the label and one column per heat-map column (empty where not observed).
    public var table: ResultTable {
        if case .heatmap(let columns) = kind {
            return ResultTable(title: title, columns: [ResultColumn("label")] + columns.map { ResultColumn($0, format) },
                               rows: labels.indices.map { r in
                                   [.text(labels[r])] + columns.indices.map { c in
                                       let v = heatValue(row: r, column: c)
                                       return v.isFinite ? .double(v) : .null
                                   }
                               })
        }
        return ResultTable(title: title, columns: [ResultColumn("label"), ResultColumn("value", format)],
                           rows: zip(labels, values).map { [.text($0), .double($1)] })
    }

    /// The value of a heat map's cell (NaN when not observed or out of range).
    public func heatValue(row: Int, column: Int) -> Double {
        guard case .heatmap(let columns) = kind, column < columns.count else { return .nan }
        let i = row * columns.count + column
        return i < values.count ? values[i] : .nan
    }
}

/// One part of a command's answer.
public enum OutputBlock: Sendable, Equatable {
    /// A table of results.
    case table(ResultTable)
    /// Named values (a small record: `AOV  $53.39`).
    case values(title: String?, [(name: String, value: Value, format: ValueFormat)])
    /// A chart.
    case chart(Chart)
    /// A sentence of explanation.
    case text(String)
    /// An assumption or note printed with the result.
    case note(String)
    /// Something the analyst must not overlook.
    case warning(String)

    /// Whether the block is a ``warning(_:)``.
    public var isWarning: Bool {
        if case .warning = self { return true }
        return false
    }

    public static func == (lhs: OutputBlock, rhs: OutputBlock) -> Bool {
        switch (lhs, rhs) {
        case let (.table(a), .table(b)): a == b
        case let (.values(t1, a), .values(t2, b)):
            t1 == t2 && a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value && $0.format == $1.format }
        case let (.chart(a), .chart(b)): a == b
        case let (.text(a), .text(b)), let (.note(a), .note(b)), let (.warning(a), .warning(b)): a == b
        default: false
        }
    }
}

/// What a command returns: blocks rendered in order. An empty output prints nothing and takes no cell.
public struct CommandOutput: Sendable, Equatable {
    public var blocks: [OutputBlock]
    /// The currency symbol its money is shown in (the dataset's, set when the command ran); `nil`: the
    /// session's setting at render time.
    public var currency: String?
    public init(_ blocks: [OutputBlock] = []) { self.blocks = blocks }

    public static let empty = CommandOutput()
    public static func text(_ s: String) -> CommandOutput { CommandOutput([.text(s)]) }
    public static func table(_ t: ResultTable) -> CommandOutput { CommandOutput([.table(t)]) }

    /// Whether the output holds something worth a cell number (a table, values or a chart).
    public var isResult: Bool {
        blocks.contains { if case .text = $0 { return false }; if case .note = $0 { return false }; if case .warning = $0 { return false }; return true }
    }

    /// The tables of the output, charts as their data tables, values as a name/value table.
    ///
    /// In a values table each number keeps its item's format (`.typed`), and an interval becomes two
    /// rows, `NAME low` and `NAME high` (a change: `NAME from`, `NAME to`), so that every cell holds one number.
    public var tables: [ResultTable] {
        blocks.compactMap { block in
            switch block {
            case .table(let t): return t
            case .chart(let c): return c.table
            case let .values(title, items):
                return ResultTable(title: title, columns: [ResultColumn("name"), ResultColumn("value", .decimal(6))],
                                   rows: items.flatMap(Self.valueRows))
            default: return nil
            }
        }
    }

    /// The rows of one named value in a name/value table.
    private static func valueRows(_ item: (name: String, value: Value, format: ValueFormat)) -> [[Value]] {
        switch item.value {
        case .interval, .change:
            let (first, second, names) = item.value.pair!
            return [[.text(item.name + " " + names.0), .typed(first, item.format)], [.text(item.name + " " + names.1), .typed(second, item.format)]]
        case .double(let v) where item.format != .text: return [[.text(item.name), .typed(v, item.format)]]
        default: return [[.text(item.name), item.value]]
        }
    }

    public mutating func append(_ block: OutputBlock) { blocks.append(block) }

    /// The output without named bands of no width (`$5.00 … $5.00`, e.g. a bootstrap with `draws=0` or a
    /// parameter band whose corners all agree): a band that cannot vary says nothing about uncertainty.
    public func withoutDegenerateBands() -> CommandOutput {
        var output = self
        output.blocks = blocks.map { block in
            guard case let .values(title, items) = block else { return block }
            return .values(title: title, items.filter { !$0.value.isDegenerateInterval })
        }
        return output
    }
}

extension Value {
    /// Whether the value is an interval whose bounds agree (to a relative 1e-9).
    var isDegenerateInterval: Bool {
        guard case let .interval(low, high) = self, low.isFinite, high.isFinite else { return false }
        return abs(high - low) <= 1e-9 * max(1, abs(low), abs(high))
    }
}
