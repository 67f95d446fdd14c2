/// The type a column is being read as.
enum BuilderKind: Sendable, Equatable {
    case integer
    case decimal
    case timestamp(DateFormat)
    case text

    var columnType: ColumnType {
        switch self {
        case .integer: .integer
        case .decimal: .decimal
        case .timestamp: .timestamp
        case .text: .text
        }
    }
}

/// A value that broke a column's guessed type, kept for the load summary and for errors.
struct TypeBreak: Sendable {
    var from: BuilderKind
    var to: BuilderKind
    /// Byte offset of the value in the file.
    var offset: Int
    /// The value as text.
    var text: String
}

/// Accumulates one column's values for one chunk of the file. A value type: builders live in an array
/// and are appended to in place.
struct ColumnBuilder: Sendable {
    var kind: BuilderKind
    var ints: [Int64] = []
    var doubles: [Double] = []
    var codes: [Int32] = []
    var dictionary = ByteDictionary()
    /// Largest number of significant fraction digits seen in a decimal column.
    var maxScale = 0
    /// Every integer so far was written canonically (so it can be turned back into the same text).
    var canonical = true
    /// Every timestamp so far is at midnight.
    var allMidnight = true
    var typeBreak: TypeBreak?
    /// The values read before a break cannot be recovered: the column must be read again as text.
    var needsReparse = false
    /// First date in the layout that names a day that does not exist.
    var impossibleDate: (offset: Int, text: String)?
    /// Where the previous value's bytes are (an address in the file being scanned) and how many there
    /// were (`-1`: no reusable previous value). Order files repeat the order id, customer and time on
    /// every line of an order: a repeat is recognised by comparing bytes, skipping the hash or date parse.
    private var previousAddress = 0, previousLength = -1

    init(kind: BuilderKind, capacity: Int) {
        self.kind = kind
        switch kind {
        case .integer, .timestamp: ints.reserveCapacity(capacity)
        case .decimal: doubles.reserveCapacity(capacity)
        case .text: codes.reserveCapacity(capacity)
        }
    }

    /// Number of values appended.
    var count: Int {
        switch kind {
        case .integer, .timestamp: ints.count
        case .decimal: doubles.count
        case .text: codes.count
        }
    }

    /// Stops comparing the next value with the previous one in place: the previous value's bytes are about to
    /// be freed (the next piece of a ``CSVStream``).
    mutating func forgetPrevious() { previousLength = -1 }

    @inline(__always)
    mutating func appendNull() {
        previousLength = -1
        switch kind {
        case .integer, .timestamp: ints.append(.min)
        case .decimal: doubles.append(.nan)
        case .text: codes.append(-1)
        }
    }

    /// Appends the value in bytes `p[0..<n]` (at file offset `offset`).
    ///
    /// `stable`: the bytes stay where they are until the chunk is parsed (they are the file's own), so
    /// the next value may be compared with them; unescaped copies in a scratch buffer are not.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, decimalComma: Bool, stable: Bool) {
        if n == 0 { appendNull(); return }
        if n == previousLength, let q = UnsafePointer<UInt8>(bitPattern: previousAddress), memcmpBytes(q, p, n) {
            switch kind {
            case .text: codes.append(codes[codes.count - 1]); return
            case .timestamp: ints.append(ints[ints.count - 1]); return
            case .integer, .decimal: break
            }
        }
        switch kind {
        case .text, .timestamp:
            previousAddress = stable ? Int(bitPattern: p) : 0
            previousLength = stable ? n : -1
        case .integer, .decimal:
            break
        }
        switch kind {
        case .integer:
            if let (v, c) = NumberParser.integer(p, n), c {
                ints.append(v)
            } else if NumberParser.integer(p, n) != nil || ColumnBuilder.isLongDigitString(p, n) {
                // `007` or `+5` would not read back as written, and long ids would lose digits: text
                breakToText(p, n, offset: offset)
            } else {
                breakInteger(p, n, offset: offset, decimalComma: decimalComma)
            }
        case .decimal:
            if let (v, s) = NumberParser.decimal(p, n, decimalComma: decimalComma) {
                doubles.append(v)
                if s > maxScale { maxScale = s }
            } else {
                breakToText(p, n, offset: offset)
            }
        case .timestamp(let format):
            switch DateParser.parse(p, n, format) {
            case .seconds(let s):
                ints.append(s)
                if allMidnight, s % 86_400 != 0 { allMidnight = false }
            case .impossible:
                if impossibleDate == nil { impossibleDate = (offset, ColumnBuilder.text(p, n)) }
                ints.append(.min)
            case .mismatch:
                breakToText(p, n, offset: offset)
            }
        case .text:
            if let code = dictionary.codeInOrder(p, n) {
                codes.append(code)
            } else {
                codes.append(dictionary.intern(p, n))
            }
        }
    }

    /// More than 15 digits (optional minus): an identifier a `Double` could not hold exactly.
    static func isLongDigitString(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = p[0] == 45 ? 1 : 0
        guard n - i > 15 else { return false }
        while i < n { if p[i] < 48 || p[i] > 57 { return false }; i += 1 }
        return true
    }

    static func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    private mutating func noteBreak(to: BuilderKind, _ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) {
        if typeBreak == nil {
            typeBreak = TypeBreak(from: kind, to: to, offset: offset, text: ColumnBuilder.text(p, n))
        } else {
            typeBreak?.to = to
        }
    }

    private mutating func breakInteger(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, decimalComma: Bool) {
        if let (v, s) = NumberParser.decimal(p, n, decimalComma: decimalComma) {
            noteBreak(to: .decimal, p, n, offset: offset)
            doubles = ints.map { $0 == .min ? .nan : Double($0) }
            ints = []
            kind = .decimal
            doubles.append(v)
            maxScale = max(maxScale, s)
            return
        }
        breakToText(p, n, offset: offset)
    }

    private mutating func breakToText(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int) {
        noteBreak(to: .text, p, n, offset: offset)
        previousLength = -1
        if kind == .integer && canonical {
            codes.reserveCapacity(ints.count)
            for v in ints {
                if v == .min { codes.append(-1); continue }
                var bytes = Array(String(v).utf8)
                codes.append(bytes.withUnsafeMutableBufferPointer { dictionary.intern($0.baseAddress!, $0.count) })
            }
        } else {
            needsReparse = true
            codes = [Int32](repeating: -1, count: count)
        }
        ints = []
        doubles = []
        kind = .text
        codes.append(dictionary.intern(p, n))
    }
}
