/// A deliberately simple, single-threaded CSV reader: the oracle the production reader (parallel
/// chunks, SWAR scanning, typed builders) is checked against, on fuzz inputs and in the tests.
///
/// It reads one byte at a time through an explicit state machine and keeps every field as bytes; it
/// makes the same dialect decisions as ``FieldScanner`` (stated here, not shared with it), but the dialect
/// and header are always given, never guessed:
/// - RFC 4180 quoting: a field whose first non-blank byte is `"` runs to the next lone `"`; `""` inside
///   stands for one `"`. Bytes after the closing quote, up to the next delimiter or line end, are dropped.
/// - Unquoted fields lose leading and trailing spaces and tabs (but never the delimiter itself: with
///   `delimiter= ` two spaces hold an empty field); a `"` inside them is kept as text.
/// - Lines end at LF, CR or CRLF; empty lines are skipped (blank-only lines too when whitespace-separated).
/// - A delimiter as the very last byte of the input still opens an (empty) last field.
/// - Whitespace-separated: runs of spaces and tabs separate fields (also right after a closing quote);
///   leading and trailing ones are ignored.
struct ReferenceCSVReader {
    /// One row: its fields as bytes and the 1-based line it starts on.
    struct Row: Equatable {
        var fields: [[UInt8]]
        var line: Int
    }

    /// What reading the whole input gave.
    enum Outcome: Equatable {
        case rows([Row])
        /// The input ended inside a quoted field opened on `line`.
        case unterminatedQuote(line: Int)
    }

    /// The delimiter byte (ignored when `whitespaceSeparated`).
    var delimiter: UInt8 = 44
    var whitespaceSeparated = false

    static let quote: UInt8 = 34, lf: UInt8 = 10, cr: UInt8 = 13, space: UInt8 = 32, tab: UInt8 = 9

    /// Padding around a field: spaces and tabs, except the byte that is the delimiter.
    func isBlank(_ b: UInt8) -> Bool {
        (b == Self.space || b == Self.tab) && (whitespaceSeparated || b != delimiter)
    }

    func isSeparator(_ b: UInt8) -> Bool {
        whitespaceSeparated ? (b == Self.space || b == Self.tab) : b == delimiter
    }

    func isLineEnd(_ b: UInt8) -> Bool { b == Self.lf || b == Self.cr }

    /// Reads `bytes` from offset `start` (past a byte-order mark) to the end.
    func read(_ bytes: [UInt8], from start: Int = 0) -> Outcome {
        var rows: [Row] = []
        var line = 1
        for k in 0..<min(start, bytes.count) where bytes[k] == Self.lf { line += 1 }
        var i = start
        let n = bytes.count
        /// Moves past a line end at `i` (CR, LF or CRLF); lines are counted by their LF bytes.
        func skipLineEnd() {
            if bytes[i] == Self.cr { i += 1; if i < n, bytes[i] == Self.lf { line += 1; i += 1 } } else { line += 1; i += 1 }
        }
        while i < n {
            if whitespaceSeparated { while i < n, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 } }
            if i >= n { break }
            if isLineEnd(bytes[i]) { skipLineEnd(); continue }
            let rowLine = line
            var fields: [[UInt8]] = []
            while true {
                while i < n, isBlank(bytes[i]) { i += 1 }
                var field: [UInt8] = []
                if i < n, bytes[i] == Self.quote {
                    let openLine = line
                    i += 1
                    while true {
                        guard i < n else { return .unterminatedQuote(line: openLine) }
                        if bytes[i] == Self.quote {
                            if i + 1 < n, bytes[i + 1] == Self.quote { field.append(Self.quote); i += 2; continue }
                            i += 1
                            break
                        }
                        if bytes[i] == Self.lf { line += 1 }
                        field.append(bytes[i])
                        i += 1
                    }
                    // after the closing quote: blanks, then anything up to a separator or line end is dropped
                    while i < n, !isSeparator(bytes[i]), !isLineEnd(bytes[i]) { i += 1 }
                } else {
                    while i < n, !isSeparator(bytes[i]), !isLineEnd(bytes[i]) { field.append(bytes[i]); i += 1 }
                    while let last = field.last, isBlank(last) { field.removeLast() }
                }
                fields.append(field)
                if whitespaceSeparated {
                    while i < n, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
                }
                if i >= n { break }
                if isLineEnd(bytes[i]) { skipLineEnd(); break }
                if !whitespaceSeparated {
                    i += 1  // the delimiter
                    if i >= n { fields.append([]); break }
                }
            }
            rows.append(Row(fields: fields, line: rowLine))
        }
        return .rows(rows)
    }
}
