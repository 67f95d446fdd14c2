import UpshellCore

/// The kind of values a column holds, as shown by `describe`.
public enum ColumnType: String, Sendable, Equatable {
    /// Whole numbers.
    case integer
    /// Numbers with a fractional part (exact fixed-point when the file has few decimals, else `Double`).
    case decimal
    /// Points in time, seconds since 1970-01-01 00:00 UTC.
    case timestamp
    /// Text, dictionary-encoded.
    case text
}

/// The stored values of one column. Nulls: `Int64.min` for integers, fixed-point and timestamps,
/// `.nan` for doubles, code `-1` for text.
public enum ColumnValues: Sendable {
    /// Whole numbers.
    case integer(IntStorage)
    /// Exact decimals: the value is `raw / 10^scale` (prices such as `2.55` stored as `255`, scale 2).
    case fixed(IntStorage, scale: Int)
    /// Decimals that do not fit fixed-point.
    case double([Double])
    /// Seconds since 1970-01-01 UTC; `dateOnly` when every value is at midnight (shown without a time).
    case timestamp(IntStorage, dateOnly: Bool)
    /// Dictionary codes per row and the distinct values they index.
    case text(codes: IntStorage, dictionary: [String])
}

/// One named, typed column of a ``Table``. Values are shared copy-on-write between tables and views.
public struct Column: Sendable {
    /// The header name (or the given / generated name).
    public var name: String
    /// The values.
    public var values: ColumnValues

    /// Creates a column.
    public init(name: String, values: ColumnValues) {
        self.name = name
        self.values = values
    }

    /// The column's type.
    public var type: ColumnType {
        switch values {
        case .integer: .integer
        case .fixed, .double: .decimal
        case .timestamp: .timestamp
        case .text: .text
        }
    }

    /// Number of stored values (physical rows).
    public var count: Int {
        switch values {
        case .integer(let s), .fixed(let s, _), .timestamp(let s, _): s.count
        case .double(let a): a.count
        case .text(let c, _): c.count
        }
    }

    /// Bytes held by this column (values plus dictionary text).
    public var memoryBytes: Int {
        switch values {
        case .integer(let s), .fixed(let s, _), .timestamp(let s, _): return s.byteCount
        case .double(let a): return a.count * 8
        case .text(let c, let d): return c.byteCount + d.reduce(0) { $0 + $1.utf8.count + 16 }
        }
    }

    /// Whether the value at physical row `i` is missing.
    @inline(__always)
    public func isNull(_ i: Int) -> Bool {
        switch values {
        case .integer(let s), .fixed(let s, _), .timestamp(let s, _): s[i] == .min
        case .double(let a): a[i].isNaN
        case .text(let c, _): c.code(i) < 0
        }
    }

    /// The value at physical row `i` as a number (`.nan` for null or text; timestamps as seconds).
    @inline(__always)
    public func double(_ i: Int) -> Double {
        switch values {
        case .integer(let s), .timestamp(let s, _):
            let v = s[i]
            return v == .min ? .nan : Double(v)
        case .fixed(let s, let scale):
            let v = s[i]
            return v == .min ? .nan : Double(v) / powersOfTen[scale]
        case .double(let a): return a[i]
        case .text: return .nan
        }
    }

    /// The dictionary code at physical row `i` for text columns (`-1` for null or non-text).
    @inline(__always)
    public func code(_ i: Int) -> Int32 {
        if case .text(let c, _) = values { return c.code(i) }
        return -1
    }

    /// The raw integer at physical row `i` (integers, timestamps, fixed-point raw), `Int64.min` if null.
    @inline(__always)
    public func rawInteger(_ i: Int) -> Int64 {
        switch values {
        case .integer(let s), .fixed(let s, _), .timestamp(let s, _): s[i]
        case .double(let a): a[i].isNaN ? .min : Int64(a[i])
        case .text(let c, _): Int64(c.code(i))
        }
    }

    /// The value at physical row `i` as shown to a person (`""` for null).
    public func displayString(_ i: Int) -> String {
        switch values {
        case .integer(let s):
            let v = s[i]
            return v == .min ? "" : String(v)
        case .fixed(let s, let scale):
            let v = s[i]
            return v == .min ? "" : Column.formatFixed(v, scale: scale)
        case .double(let a):
            return a[i].isNaN ? "" : Column.formatDouble(a[i])
        case .timestamp(let s, let dateOnly):
            let v = s[i]
            return v == .min ? "" : CivilDate.format(seconds: v, withTime: !dateOnly)
        case .text(let c, let d):
            let k = c.code(i)
            return k < 0 ? "" : d[Int(k)]
        }
    }

    /// `raw / 10^scale` written with exactly `scale` decimals (`255`, 2 → `2.55`).
    public static func formatFixed(_ raw: Int64, scale: Int) -> String {
        if scale == 0 { return String(raw) }
        let negative = raw < 0
        let magnitude = raw.magnitude
        let p = UInt64(powersOfTen[scale])
        var fraction = String(magnitude % p)
        while fraction.count < scale { fraction = "0" + fraction }
        return (negative ? "-" : "") + String(magnitude / p) + "." + fraction
    }

    /// A double without exponent noise for ordinary magnitudes.
    public static func formatDouble(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

/// 10^0 … 10^22, exact in `Double`.
let powersOfTen: [Double] = (0...22).map { k in
    var p = 1.0
    for _ in 0..<k { p *= 10 }
    return p
}
