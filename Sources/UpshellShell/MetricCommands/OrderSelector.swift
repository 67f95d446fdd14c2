import UpshellAnalytics
import UpshellCore
import UpshellData

/// A set of orders named on the command line, for comparisons: a period, a segment, a column value or a
/// whole dataset.
///
/// Forms: `2025-Q1`, `2025-01`, `2025`, `2025-01-15`, `A..B` (periods, or `period:…`); `segment:NAME` (a
/// segment of the dataset's segmentations); `data:NAME` (all orders of another dataset); `COLUMN:VALUE`
/// (orders whose first line has that value: `variant:B`, `country:US`). A bare word that is not a period
/// is tried as a dataset name, then as a segment name.
struct OrderSelection {
    /// How the selection is shown (`2025-Q1`, `segment champions`).
    var label: String
    /// The order values of the selected orders.
    var values: [Double]
    /// The period, when the orders were selected by one.
    var span: PeriodSpan? = nil

    static let forms = "a period (2025-Q1, 2025-01, 2025-01-01..2025-03-31), segment:NAME, data:NAME or COLUMN:VALUE (variant:B)"

    /// The orders `text` names in the scope's dataset; errors put their caret under positional `word` of `places`.
    static func select(_ text: String, word: Int, in scope: ResolvedOrderScope, _ places: ArgumentPlaces, _ session: Session) throws -> OrderSelection {
        let dataset = scope.dataset, model = scope.model
        if let colon = text.firstIndex(of: ":") {
            let kind = text[..<colon].lowercased(), value = String(text[text.index(after: colon)...])
            guard !value.isEmpty else {
                throw places.error("'\(text)' names no value after ':'", positional: word, hint: "compare: \(forms)")
            }
            switch kind {
            case "period":
                return try period(value, word, model, places)
            case "segment":
                let (segmentation, index) = try session.segments.find(segment: value, in: dataset.name)
                return segment(index, of: segmentation, model)
            case "data", "dataset":
                let other = try session.datasets.dataset(named: value)
                guard other.orders?.hasMoney ?? true else { throw MetricsError.missingRole("unit-price", "comparing AOV of '\(other.name)'") }
                return OrderSelection(label: other.name, values: try Array(MetricInputs.orders(other).orders.value))
            default:
                return try columnValue(String(text[..<colon]), value, word, dataset, model, places)
            }
        }
        if PeriodSpan(text) != nil { return try period(text, word, model, places) }
        if session.datasets.contains(text) {
            let other = try session.datasets.dataset(named: text)
            return OrderSelection(label: other.name, values: try Array(MetricInputs.orders(other).orders.value))
        }
        if let (segmentation, index) = try? session.segments.find(segment: text, in: dataset.name) {
            return segment(index, of: segmentation, model)
        }
        let looksLikeDate = text.first?.isNumber == true
        throw places.error("cannot tell which orders '\(text)' means", positional: word,
                              hint: looksLikeDate ? "periods look like 2025, 2025-Q1, 2025-01, 2025-01-15 or A..B; dates must exist" : "use \(forms)")
    }

    private static func segment(_ index: Int, of segmentation: Segmentation, _ model: OrderModel) -> OrderSelection {
        let values = zip(model.orders.value, segmentation.segmentOfOrder).filter { Int($0.1) == index }.map(\.0)
        return OrderSelection(label: "segment \(segmentation.labels[index])", values: values)
    }

    private static func period(_ text: String, _ word: Int, _ model: OrderModel, _ places: ArgumentPlaces) throws -> OrderSelection {
        guard let span = PeriodSpan(text) else {
            throw places.error("'\(text)' is not a period", positional: word, hint: "periods look like 2025, 2025-Q1, 2025-01, 2025-01-15 or A..B (A before B)")
        }
        guard model.hasTimes else { throw MetricsError.missingRole("time", "comparing periods") }
        let o = model.orders
        var values: [Double] = []
        for i in 0..<o.count where span.contains(o.time[i]) { values.append(o.value[i]) }
        return OrderSelection(label: span.label, values: values, span: span)
    }

    private static func columnValue(_ name: String, _ value: String, _ word: Int, _ dataset: Dataset, _ model: OrderModel,
                                    _ places: ArgumentPlaces) throws -> OrderSelection {
        var column = name
        if dataset.table.columnIndex(named: name) == nil {
            if let role = ColumnRole(shellName: name), let c = dataset.roles[role] {
                column = dataset.table.columns[c].name
            } else {
                let names = ["period", "segment", "data"] + dataset.table.columnNames
                throw places.error("'\(name)' is neither period, segment, data nor a column of '\(dataset.name)'", positional: word,
                                      hint: Suggestions.didYouMean(name, in: names) ?? "use \(forms)")
            }
        }
        let labels = try dataset.orderLabels(column: column)
        guard let index = labels.labels.firstIndex(of: value) ?? labels.labels.firstIndex(where: { $0.lowercased() == value.lowercased() }) else {
            throw places.error("no order has \(labels.column) '\(value)'", positional: word,
                                  hint: Suggestions.didYouMean(value, in: labels.labels) ?? "values: " + labels.labels.prefix(12).joined(separator: ", "))
        }
        let values = zip(model.orders.value, labels.groupOfOrder).filter { Int($0.1) == index }.map(\.0)
        return OrderSelection(label: "\(labels.column) \(labels.labels[index])", values: values)
    }
}
