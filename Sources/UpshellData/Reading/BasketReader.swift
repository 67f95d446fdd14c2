import UpshellCore

/// Reads `format=baskets` files: one basket per line, items separated by a delimiter (comma by
/// default), each item trimmed; empty items ignored. The result is a long table with columns
/// `basket` (1-based line number among non-blank lines) and `item`.
enum BasketReader {
    struct Sink: RowSink {
        var dictionary = ByteDictionary()
        var basket: [Int64] = []
        var item: [Int32] = []
        var rows = 0
        var scratch: [UInt8] = []
        var cancelled = false

        mutating func field(_ column: Int, _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, offset: Int) {
            guard n > 0 else { return }
            basket.append(Int64(rows + 1))
            if escaped {
                scratch = []
                var k = 0
                while k < n { scratch.append(p[k]); k += p[k] == 34 && k + 1 < n && p[k + 1] == 34 ? 2 : 1 }
                item.append(scratch.withUnsafeBufferPointer { dictionary.intern($0.baseAddress!, $0.count) })
            } else {
                item.append(dictionary.intern(p, n))
            }
        }

        mutating func endRow(fields: Int, offset: Int) -> Bool {
            rows += 1
            if rows & 8191 == 0, Cancellation.isRequested { cancelled = true; return false }
            return true
        }
    }

    static func read(_ file: FileBytes, path: String, delimiter: UInt8?, encoding: TextEncoding) throws -> CSVReadResult {
        try file.withBytes { buf in
            var start = 0
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { start = 3 }
            guard (start..<buf.count).contains(where: { !CSVReader.isBlank(buf[$0]) }) else { throw LoadError.emptyFile(path: path) }
            if let nul = buf[start...].firstIndex(of: 0) {
                throw LoadError.binaryFile(position: CSVReader.position(buf, nul, path: path))
            }
            let dialect = Dialect(delimiter: delimiter ?? 44)
            var sink = Sink()
            let outcome = FieldScanner.scan(buf, from: start, to: buf.count, dialect: dialect, sink: &sink)
            if sink.cancelled { throw CancelledError() }
            if let q = outcome.unterminatedQuote { throw LoadError.unterminatedQuote(position: CSVReader.position(buf, q, path: path)) }
            var enc = encoding
            if enc == .auto {
                let valid = (0..<sink.dictionary.count).allSatisfy { String(validating: sink.dictionary.entry($0), as: UTF8.self) != nil }
                enc = valid ? .utf8 : .latin1
            }
            let names = (0..<sink.dictionary.count).map { CSVReader.decode(sink.dictionary.entry($0), enc) }
            let table = Table(columns: [
                Column(name: "basket", values: .integer(IntStorage.narrowing(sink.basket))),
                Column(name: "item", values: .text(codes: IntStorage.narrowingCodes(sink.item, dictionarySize: names.count), dictionary: names)),
            ], rowCount: sink.item.count)
            var notes = ["read as baskets: \(sink.rows) lines, one basket each"]
            if encoding == .auto && enc == .latin1 { notes.append("text is not valid UTF-8: read as Latin-1") }
            return CSVReadResult(table: table, notes: notes, typeBreaks: [:], encoding: enc, dialect: dialect, header: false,
                                 baskets: true)
        }
    }

    /// Reasons to doubt that a file taken for baskets by detection holds baskets: items with control
    /// characters (random bytes, a binary file without NULs), or nearly every line a single item (a list
    /// of words, `/etc/passwd`). Empty when it looks like basket data.
    static func doubts(_ read: CSVReadResult) -> [String] {
        guard read.table.columns.count == 2, case .text(let codes, let items) = read.table.columns[1].values,
              case .integer(let baskets) = read.table.columns[0].values else { return [] }
        var doubts: [String] = []
        if let odd = items.first(where: { $0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) } }) {
            let shown = odd.unicodeScalars.prefix(20).map { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) ? "\\x" + String($0.value, radix: 16) : String($0) }.joined()
            doubts.append("items hold control characters (such as '\(shown)'): this does not look like basket or order data; "
                + "check the file, or give format=lines for a table")
        }
        var lineCount = 0, single = 0, run = 0
        var previous: Int64 = .min
        for r in 0..<codes.count {
            if baskets[r] != previous {
                if run == 1 { single += 1 }
                lineCount += 1
                run = 0
                previous = baskets[r]
            }
            run += 1
        }
        if run == 1 { single += 1 }
        if lineCount >= 10, single * 10 >= lineCount * 9 {
            doubts.append("\(single) of \(lineCount) lines hold a single item: this may not be basket data "
                + "(baskets list several items per line); format=lines reads it as a table")
        }
        return doubts
    }

    /// Whether the first lines look like baskets: no header-like first line, field counts vary, and
    /// no field is a number or a date.
    static func looksLikeBaskets(_ file: FileBytes) -> Bool {
        file.withBytes { buf in
            let dialect = Sniffer.dialect(buf, from: 0)
            guard !dialect.whitespaceSeparated else { return false }
            var sample = SampleCollector(limit: 200)
            _ = FieldScanner.scan(buf, from: 0, to: buf.count, dialect: dialect, sink: &sample)
            let counts = Set(sample.rows.map(\.count))
            guard counts.count > 1, sample.rows.count >= 3 else { return false }
            return !sample.rows.contains { $0.contains { Sniffer.looksNumericOrDate($0, decimalComma: false) } }
        }
    }
}
