@testable import UpshellData

/// Checks the production CSV reader (``CSVReader``, at a forced chunk count) against
/// ``ReferenceCSVReader`` on one input: same errors at the same line, else the same number of rows and
/// columns and the same value in every cell. Shared by `DifferentialReaderTests` and the `csvdiff`
/// fuzz target (Fuzz/csvdiff), so both hold the reader to one definition of "agree".
///
/// Cells are compared through the column type the production reader chose: text exactly (decoded in the
/// encoding the reference expects), numbers and dates as ``NumberParser`` / ``DateParser`` read the
/// reference's field bytes (their grammar is tested on its own; here the question is whether every field
/// reached the right cell intact).
enum ReaderDifferential {
    /// One input and the dialect decisions, given explicitly to both readers.
    struct Case: CustomStringConvertible {
        var bytes: [UInt8]
        /// `nil`: whitespace-separated.
        var delimiter: UInt8?
        var header: Bool
        var encoding: TextEncoding = .auto
        var decimalComma = false

        var description: String {
            let d = delimiter.map { "delimiter \($0)" } ?? "whitespace"
            return "\(d), header \(header), \(encoding), decimal comma \(decimalComma), \(bytes.count) bytes: \(bytes.prefix(200).map { $0 < 32 || $0 > 126 ? "\\x" + ($0 < 16 ? "0" : "") + String($0, radix: 16) : String(UnicodeScalar($0)) }.joined())"
        }
    }

    /// The delimiters a fuzz input chooses from (`nil`: whitespace-separated).
    static let fuzzDelimiters: [UInt8?] = [44, 59, 9, 124, nil, 32]

    /// The case a `csvdiff` fuzz input stands for: byte 0 picks the delimiter and header, byte 1 the
    /// encoding and decimal comma; the rest is the file.
    static func fuzzCase(_ input: [UInt8]) -> Case {
        let k0 = Int(input.first ?? 0), k1 = Int(input.dropFirst().first ?? 0)
        return Case(bytes: Array(input.dropFirst(2)), delimiter: fuzzDelimiters[k0 % fuzzDelimiters.count],
                     header: k0 % 12 / 6 == 0, encoding: [.auto, .utf8, .latin1][k1 % 3], decimalComma: k1 % 6 / 3 == 1)
    }

    /// `nil` when the readers agree at every chunk count in `chunks`; else the first difference.
    static func disagreement(_ c: Case, chunks: ClosedRange<Int>) -> String? {
        for n in chunks { if let d = disagreement(c, chunks: n) { return d } }
        return nil
    }

    /// `nil` when the readers agree at `chunks` chunks; else what differed.
    static func disagreement(_ c: Case, chunks: Int, threads: Int = 2) -> String? {
        var o = CSVReadOptions()
        if let d = c.delimiter { o.delimiter = d } else { o.whitespaceSeparated = true }
        o.header = c.header
        o.encoding = c.encoding
        o.decimalComma = c.decimalComma
        o.chunks = chunks
        o.threads = threads
        let expected = expectation(c)
        let produced: CSVReadResult
        do {
            produced = try CSVReader.read(FileBytes.memory(c.bytes), path: "fuzz.csv", options: o)
        } catch let error as LoadError {
            let got = summary(error)
            if case .impossibleDate = error, case .table = expected { return nil }  // typed: not the reference's to judge
            if case .error(let want) = expected, want == got { return nil }
            return "chunks \(chunks): reader threw \(got), reference expected \(describe(expected))"
        } catch {
            return "chunks \(chunks): reader threw \(error)"
        }
        guard case .table(let header, let rows, let columnCount, let encoding) = expected else {
            return "chunks \(chunks): reader read \(produced.table.rowCount) rows, reference expected \(describe(expected))"
        }
        let t = produced.table
        if t.rowCount != rows.count || t.columns.count != columnCount {
            return "chunks \(chunks): reader has \(t.rowCount) rows × \(t.columns.count) columns, reference \(rows.count) × \(columnCount)"
        }
        if produced.encoding != encoding { return "chunks \(chunks): reader decoded as \(produced.encoding), reference \(encoding)" }
        if let names = header?.map({ CSVReader.decode($0, encoding) }), !names.contains(where: \.isEmpty),
           Set(names.map { $0.lowercased() }).count == names.count, names != t.columnNames {
            return "chunks \(chunks): column names \(t.columnNames), reference \(names)"
        }
        for (c, column) in t.columns.enumerated() {
            for (r, row) in rows.enumerated() {
                let field = c < row.fields.count ? row.fields[c] : []
                if let problem = compare(column, r, field, encoding: encoding, decimalComma: o.decimalComma ?? false,
                                         format: produced.dateFormats[c]) {
                    return "chunks \(chunks): line \(row.line), column \(c + 1) ('\(column.name)'): \(problem)"
                }
            }
        }
        return nil
    }

    /// What the reference says the reader must do.
    enum Expectation {
        case error(String)
        case table(header: [[UInt8]]?, rows: [ReferenceCSVReader.Row], columnCount: Int, encoding: TextEncoding)
    }

    static func describe(_ e: Expectation) -> String {
        switch e {
        case .error(let s): return s
        case .table(_, let rows, let columns, _): return "\(rows.count) rows × \(columns) columns"
        }
    }

    /// The reference's verdict, in the order the reader checks: blank input, UTF-16, NUL bytes, an
    /// unclosed quote, a header without rows, rows with the wrong number of fields.
    static func expectation(_ c: Case) -> Expectation {
        let b = c.bytes
        let start = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        if b[start...].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { return .error("empty") }
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) { return .error("utf16") }
        if let nul = b.firstIndex(of: 0) { return .error("binary@\(1 + b[..<nul].filter { $0 == 10 }.count)") }
        let reader = ReferenceCSVReader(delimiter: c.delimiter ?? 32, whitespaceSeparated: c.delimiter == nil)
        let all: [ReferenceCSVReader.Row]
        switch reader.read(b, from: start) {
        case .unterminatedQuote(let line): return .error("unterminated quote@\(line)")
        case .rows(let rows): all = rows
        }
        if all.isEmpty { return .error("empty") }
        let data = c.header ? Array(all.dropFirst()) : all
        if c.header && data.isEmpty { return .error("header only") }
        let columnCount: Int
        if c.header {
            columnCount = all[0].fields.count
        } else {
            // the commonest field count among the rows the reader samples (2,001); ties go to fewer fields
            var counts: [Int: Int] = [:]
            for row in all.prefix(CSVReader.sampleRows + 1) { counts[row.fields.count, default: 0] += 1 }
            columnCount = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }[0].key
        }
        let ragged = data.filter { $0.fields.count != columnCount }
        if !ragged.isEmpty {
            return .error("ragged \(ragged.count) expected \(columnCount) lines \(ragged.prefix(5).map(\.line))")
        }
        var encoding = c.encoding
        if encoding == .auto {
            let fields = (c.header ? all[0].fields : []) + data.flatMap(\.fields)
            encoding = fields.allSatisfy { String(validating: $0, as: UTF8.self) != nil } ? .utf8 : .latin1
        }
        return .table(header: c.header ? all[0].fields : nil, rows: data, columnCount: columnCount, encoding: encoding)
    }

    /// A load error reduced to what both readers can state: its kind and line.
    static func summary(_ e: LoadError) -> String {
        switch e {
        case .emptyFile: return "empty"
        case .unreadable: return "utf16"
        case .binaryFile(let p): return "binary@\(p.line)"
        case .unterminatedQuote(let p): return "unterminated quote@\(p.line)"
        case .headerOnly: return "header only"
        case .raggedRows(_, let expected, let first, let total):
            return "ragged \(total) expected \(expected) lines \(first.map(\.0.line))"
        default: return e.message
        }
    }

    /// `nil` when cell `r` of `column` holds what `field` says.
    static func compare(_ column: Column, _ r: Int, _ field: [UInt8], encoding: TextEncoding, decimalComma: Bool,
                        format: DateFormat?) -> String? {
        if field.isEmpty { return column.isNull(r) ? nil : "reader has '\(column.displayString(r))', reference an empty field" }
        if column.isNull(r) { return "reader has null, reference '\(CSVReader.decode(field, encoding))'" }
        return field.withUnsafeBufferPointer { f -> String? in
            let p = f.baseAddress!, n = f.count
            switch column.type {
            case .text:
                let want = CSVReader.decode(field, encoding)
                return column.displayString(r) == want ? nil : "reader has '\(column.displayString(r))', reference '\(want)'"
            case .integer:
                // whole decimals (`10,00`, `1e3`) are stored as integers too
                if let (v, _) = NumberParser.integer(p, n) {
                    return column.rawInteger(r) == v ? nil : "reader has \(column.rawInteger(r)), reference \(v)"
                }
                guard let (v, _) = NumberParser.decimal(p, n, decimalComma: decimalComma) else {
                    return "integer column, reference field '\(CSVReader.decode(field, encoding))'"
                }
                return column.double(r) == v ? nil : "reader has \(column.rawInteger(r)), reference \(v)"
            case .decimal:
                guard let (v, _) = NumberParser.decimal(p, n, decimalComma: decimalComma) else {
                    return "decimal column, reference field '\(CSVReader.decode(field, encoding))'"
                }
                let got = column.double(r)
                return abs(got - v) <= 1e-9 * max(1, abs(v)) ? nil : "reader has \(got), reference \(v)"
            case .timestamp:
                guard let format, case .seconds(let s) = DateParser.parse(p, n, format) else {
                    return "timestamp column, reference field '\(CSVReader.decode(field, encoding))' is not a date"
                }
                return column.rawInteger(r) == s ? nil : "reader has \(column.rawInteger(r)) s, reference \(s) s"
            }
        }
    }
}
