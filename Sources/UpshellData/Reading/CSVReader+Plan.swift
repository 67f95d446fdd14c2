import UpshellCore

/// What the first rows of delimited text decided, before any data row is parsed: the dialect, the header,
/// the number of columns and the type each column is read as.
struct ReadPlan: Sendable {
    var dialect: Dialect
    var header: Bool
    /// The header's fields as written (empty without a header).
    var headerBytes: [[UInt8]]
    /// The sampled data rows' fields as written.
    var dataRows: [[[UInt8]]]
    /// Offset of the first data row.
    var dataStart: Int
    var columnCount: Int
    var kinds: [BuilderKind]
    /// Average bytes per data row in the sample (what chunk builders reserve by).
    var rowBytes: Int
}

extension CSVReader {
    /// Sniffs the dialect, header and column types on the first ``sampleRows`` rows of `buf` from `start`
    /// (after a byte-order mark); the file options override what they name.
    static func plan(_ buf: UnsafeBufferPointer<UInt8>, start: Int, path: String, options: CSVReadOptions) throws -> ReadPlan {
        var dialect = Sniffer.dialect(buf, from: start)
        if options.whitespaceSeparated { dialect = Dialect(whitespaceSeparated: true) }
        if let d = options.delimiter { dialect = Dialect(delimiter: d) }

        var sample = SampleCollector(limit: sampleRows + 1)
        let sampled = FieldScanner.scan(buf, from: start, to: buf.count, dialect: dialect, sink: &sample)
        if let q = sampled.unterminatedQuote { throw LoadError.unterminatedQuote(position: position(buf, q, path: path)) }
        guard !sample.rows.isEmpty else { throw LoadError.emptyFile(path: path) }
        dialect.decimalComma = options.decimalComma
            ?? (!dialect.whitespaceSeparated && dialect.delimiter == 59 && Sniffer.decimalComma(sample.rows))
        let header = options.header ?? Sniffer.hasHeader(sample.rows, decimalComma: dialect.decimalComma)
        let dataRows = header ? Array(sample.rows.dropFirst()) : sample.rows
        let columnCount: Int
        if header {
            columnCount = sample.rows[0].count
        } else if let names = options.columnNames {
            columnCount = names.count
        } else {
            var freq: [Int: Int] = [:]
            for r in dataRows { freq[r.count, default: 0] += 1 }
            columnCount = freq.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 1
        }
        let headerBytes = header ? sample.rows[0] : []
        if header && dataRows.isEmpty {
            throw LoadError.headerOnly(path: path, columns: headerBytes.map { String(decoding: $0, as: UTF8.self) })
        }
        let dataStart = header ? sample.rowOffsets[1] : sample.rowOffsets[0]
        let kinds: [BuilderKind] = (0..<columnCount).map { c in
            Sniffer.kind(of: dataRows.map { c < $0.count ? $0[c] : [] }, decimalComma: dialect.decimalComma,
                         forcedDate: options.dateFormat)
        }

        // bytes per data row in the sample (rows hold a handful of bytes in a one-column file, hundreds in a wide export)
        let sampledDataRows = dataRows.count
        let rowBytes = sampledDataRows > 0 ? max(1, (sampled.end - dataStart) / sampledDataRows) : 64
        return ReadPlan(dialect: dialect, header: header, headerBytes: headerBytes, dataRows: dataRows, dataStart: dataStart,
                        columnCount: columnCount, kinds: kinds, rowBytes: rowBytes)
    }

    /// Turns the parsed chunks of a file into its table: checks the row widths and impossible dates, decides the
    /// encoding and the column names, merges the chunks' columns and words the notes. `position` places a byte
    /// offset of the file (for messages); `textAfterQuote` words the note on text after a closing quote.
    static func assemble(_ parts: inout [ChunkParser], plan: ReadPlan, breaks: [Int: TypeBreak], options: CSVReadOptions,
                         path: String, timer: PhaseTimer, progress: any ProgressReporter,
                         position: (Int) -> FilePosition,
                         textAfterQuote: ([ChunkParser], TextEncoding) -> String?) throws -> CSVReadResult {
        let (dialect, header, headerBytes, dataRows, columnCount) = (plan.dialect, plan.header, plan.headerBytes, plan.dataRows, plan.columnCount)
        let raggedTotal = parts.reduce(0) { $0 + $1.raggedCount }
        if raggedTotal > 0 {
            let first = parts.flatMap(\.ragged).sorted { $0.offset < $1.offset }.prefix(5)
                .map { (position($0.offset), $0.fields) }
            throw LoadError.raggedRows(path: path, expected: columnCount, first: Array(first), total: raggedTotal)
        }

        // column names and encoding
        var encoding = options.encoding
        if encoding == .auto {
            let headerValid = headerBytes.allSatisfy { String(validating: $0, as: UTF8.self) != nil }
            let textValid = (0..<columnCount).allSatisfy { c in
                parts.allSatisfy { $0.builders[c].dictionary.isValidUTF8 }
            }
            encoding = headerValid && textValid ? .utf8 : .latin1
        }
        var notes: [String] = []
        if options.encoding == .auto && encoding == .latin1 { notes.append("text is not valid UTF-8: read as Latin-1") }
        if let note = textAfterQuote(parts, encoding) { notes.append(note) }
        var names = header ? headerBytes.map { decode($0, encoding) } : []
        if let given = options.columnNames { for (k, n) in given.enumerated() where k < columnCount { if k < names.count { names[k] = n } else { names.append(n) } } }
        while names.count < columnCount { names.append("column\(names.count + 1)") }
        let given = Array(names.prefix(columnCount))
        names = uniqueNames(given)
        for (k, name) in names.enumerated() where name != given[k] {
            notes.append(given[k].isEmpty ? "column \(k + 1) has no name in the header: called '\(name)'"
                         : "column \(k + 1) repeats the name '\(given[k])': called '\(name)'")
        }

        var impossible: (offset: Int, column: Int, text: String)?
        for p in parts {
            for (c, b) in p.builders.enumerated() {
                if case .timestamp = b.kind, let d = b.impossibleDate, impossible == nil || d.offset < impossible!.offset {
                    impossible = (d.offset, c, d.text)
                }
            }
        }
        if let impossible, case .timestamp(let f) = parts[0].builders[impossible.column].kind {
            throw LoadError.impossibleDate(position: position(impossible.offset),
                                           column: names[impossible.column], found: impossible.text, format: f.display)
        }

        let rowCount = parts.reduce(0) { $0 + $1.rows }
        let chunksUsed = parts.count
        var dateFormats: [Int: DateFormat] = [:]
        for (c, b) in (parts.first?.builders ?? []).enumerated() {
            if case .timestamp(let f) = b.kind { dateFormats[c] = f }
        }
        timer.mark("parse")
        let columns = mergeColumns(&parts, names: names, encoding: encoding, threads: options.threads)
        try Cancellation.check()  // a merge skipped for Ctrl-C left an empty column
        timer.mark("merge columns")
        var positioned: [Int: (position: FilePosition, text: String, from: ColumnType)] = [:]
        for (c, b) in breaks {
            let pos = position(b.offset)
            positioned[c] = (pos, b.text, b.from.columnType)
            notes.append("column '\(names[c])' looked like \(b.from.columnType.rawValue) but line \(pos.line) has '\(b.text)': read as \(columns[c].type.rawValue)")
        }
        progress.finish()
        return CSVReadResult(table: Table(columns: columns, rowCount: rowCount), notes: notes,
                             typeBreaks: positioned, encoding: encoding, dialect: dialect, header: header,
                             chunksUsed: chunksUsed,
                             sampleRows: dataRows.prefix(50).map { $0.map { decode($0, encoding) } },
                             dateFormats: dateFormats)
    }

}
