/// How fields are separated in a delimited text file.
struct Dialect: Sendable, Equatable {
    /// The single-byte field delimiter (ignored when `whitespaceSeparated`).
    var delimiter: UInt8 = 44
    /// Fields separated by runs of spaces and tabs; leading and trailing blanks ignored.
    var whitespaceSeparated = false
    /// `,` is the decimal separator in numbers.
    var decimalComma = false
}

/// Receives the fields of each row from ``FieldScanner``.
protocol RowSink {
    /// Field number `column` of the current row: bytes `p[0..<n]` (unquoted fields trimmed of
    /// surrounding blanks; quoted fields without their quotes). `escaped`: contains doubled quotes
    /// still to be collapsed. `offset` is the field's byte offset in the file.
    mutating func field(_ column: Int, _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, offset: Int)
    /// The row that started at byte `offset` had `fields` fields. Return `false` to stop scanning.
    mutating func endRow(fields: Int, offset: Int) -> Bool
}

/// What a scan ended with.
struct ScanOutcome: Sendable {
    /// Offset just past the last row scanned.
    var end: Int
    /// Offset of a quote that was never closed, if the file ended inside a quoted field.
    var unterminatedQuote: Int?
    /// A quote appeared inside an unquoted field or after a closing quote (lenient: kept as text).
    var strayQuote = false
    /// Offset of the first text after a closing quote (`"tv" big`: ` big` is not part of any field), and
    /// how many fields had such text; the loader names the first line in a note.
    var textAfterQuote: Int?
    var textAfterQuoteCount = 0
}

/// `b` in every byte of a word.
@inline(__always)
func swarBroadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

/// Non-zero when some byte of `w` equals the byte broadcast in `pattern`; the lowest set bit marks
/// (bit 7 of) the first such byte. Higher bits may be false positives, so only the lowest is used.
/// (The "haszero" trick from Sean Anderson's *Bit Twiddling Hacks*.)
@inline(__always)
func swarHas(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = w ^ pattern
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
}

/// The byte-level scanner: one pass over the bytes, no strings, RFC 4180 quoting
/// (embedded delimiters, doubled quotes, newlines), CRLF / LF / CR line ends, blank lines skipped.
enum FieldScanner {
    static let quote: UInt8 = 34, lf: UInt8 = 10, cr: UInt8 = 13, space: UInt8 = 32, tab: UInt8 = 9

    /// Scans rows starting in `from..<to` of `buf`; a row that starts before `to` is read to its end.
    // hot loop: the byte-level scanner, run on every byte; one state machine, splitting it would add calls per byte.
    static func scan<S: RowSink>(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int, dialect: Dialect,
                                 sink: inout S) -> ScanOutcome {
        guard let b = buf.baseAddress, from < to else { return ScanOutcome(end: from) }
        let n = buf.count
        let ws = dialect.whitespaceSeparated
        let delim: UInt8 = ws ? space : dialect.delimiter
        // 1 = ends an unquoted field, 2 = quote (stray inside an unquoted field)
        var table = [UInt8](repeating: 0, count: 256)
        table[Int(lf)] = 1; table[Int(cr)] = 1; table[Int(delim)] = 1; table[Int(quote)] = 2
        if ws { table[Int(tab)] = 1 }
        // blanks around a field are padding, except the byte that is the delimiter (`delimiter= ` or tab)
        let trimTab = delim != tab, trimSpace = ws || delim != space
        let delimWord = swarBroadcast(delim), lfWord = swarBroadcast(lf), crWord = swarBroadcast(cr)
        let quoteWord = swarBroadcast(quote), tabWord = swarBroadcast(tab)
        var outcome = ScanOutcome(end: from)
        table.withUnsafeBufferPointer { tb in
            let stop = tb.baseAddress!
            var i = from
            rows: while i < to {
                let rowStart = i
                if ws { while i < n, b[i] == space || b[i] == tab { i += 1 } }
                if i >= n { break }
                if b[i] == lf { i += 1; continue }
                if b[i] == cr { i += 1; if i < n, b[i] == lf { i += 1 }; continue }
                var col = 0
                fields: while true {
                    var fs = i
                    while fs < n, (b[fs] == space && trimSpace) || (b[fs] == tab && trimTab) { fs += 1 }
                    if fs < n, b[fs] == quote {
                        var j = fs + 1
                        var escaped = false
                        while true {
                            if j >= n {
                                outcome.unterminatedQuote = fs
                                outcome.end = n
                                return
                            }
                            if b[j] == quote {
                                if j + 1 < n, b[j + 1] == quote { escaped = true; j += 2; continue }
                                break
                            }
                            j += 1
                        }
                        sink.field(col, b + fs + 1, j - fs - 1, escaped: escaped, offset: fs)
                        i = j + 1
                        // blanks after the closing quote are padding, unless blanks separate the fields
                        if !ws { while i < n, (b[i] == space && trimSpace) || (b[i] == tab && trimTab) { i += 1 } }
                        if i < n, b[i] != delim, b[i] != lf, b[i] != cr, !(ws && b[i] == tab) {
                            outcome.strayQuote = true
                            if outcome.textAfterQuote == nil { outcome.textAfterQuote = i }
                            outcome.textAfterQuoteCount += 1
                            while i < n, stop[Int(b[i])] != 1 { i += 1 }
                        }
                    } else {
                        var j = fs
                        // eight bytes at a time while none of them can end the field or be a quote
                        let raw = UnsafeRawPointer(b)
                        while j + 8 <= n {
                            let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                            let hit = swarHas(w, delimWord) | swarHas(w, lfWord) | swarHas(w, crWord)
                                | swarHas(w, quoteWord) | (ws ? swarHas(w, tabWord) : 0)
                            if hit != 0 { j += hit.trailingZeroBitCount >> 3; break }
                            j += 8
                        }
                        while j < n {
                            let k = stop[Int(b[j])]
                            if k == 1 { break }
                            if k == 2 { outcome.strayQuote = true }
                            j += 1
                        }
                        var e = j
                        while e > fs, (b[e - 1] == space && trimSpace) || (b[e - 1] == tab && trimTab) { e -= 1 }
                        sink.field(col, b + fs, e - fs, escaped: false, offset: fs)
                        i = j
                    }
                    col += 1
                    if ws {
                        while i < n, b[i] == space || b[i] == tab { i += 1 }
                        if i >= n { break fields }
                        if b[i] == lf { i += 1; break fields }
                        if b[i] == cr { i += 1; if i < n, b[i] == lf { i += 1 }; break fields }
                        continue fields
                    }
                    if i >= n { break fields }
                    let c = b[i]
                    if c == delim { i += 1; if i >= n { sink.field(col, b + i, 0, escaped: false, offset: i); col += 1; break fields }; continue fields }
                    if c == cr { i += 1; if i < n, b[i] == lf { i += 1 } } else { i += 1 }
                    break fields
                }
                if !sink.endRow(fields: col, offset: rowStart) { outcome.end = i; return }
            }
            outcome.end = i
        }
        return outcome
    }
}
