import UpshellCore

/// Parses one chunk of rows into column builders: the ``RowSink`` behind the typed reader.
struct ChunkParser: RowSink {
    var builders: [ColumnBuilder]
    let columnCount: Int
    let decimalComma: Bool
    var rows = 0
    /// Offsets of rows with the wrong number of fields (first few) and their field counts.
    var ragged: [(offset: Int, fields: Int)] = []
    var raggedCount = 0
    var cancelled = false
    /// The first text after a closing quote in this chunk (its offset) and how many fields had such text.
    var textAfterQuote: (offset: Int, count: Int)?
    /// Told the bytes parsed since the last report, every 65,536 rows (drives the progress bar).
    var reportProgress: (@Sendable (Int) -> Void)?
    /// Offset up to which progress has been reported.
    var progressStart = 0
    /// The mapped file whose parsed pages are dropped as the scan moves on (``FileBytes/release(_:_:)``),
    /// so a load never holds much more of the file than the rows being parsed; `nil` for bytes in memory.
    var releasing: SendableBuffer?
    /// Offset (a page boundary) up to which pages have been dropped.
    var releasedUpTo = 0
    private var scratch: [UInt8] = []

    init(kinds: [BuilderKind], decimalComma: Bool, expectedRows: Int) {
        self.builders = kinds.map { ColumnBuilder(kind: $0, capacity: expectedRows) }
        self.columnCount = kinds.count
        self.decimalComma = decimalComma
    }

    @inline(__always)
    mutating func field(_ column: Int, _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, offset: Int) {
        guard column < columnCount else { return }
        if escaped {
            scratch.removeAll(keepingCapacity: true)
            var k = 0
            while k < n {
                scratch.append(p[k])
                k += p[k] == FieldScanner.quote && k + 1 < n && p[k + 1] == FieldScanner.quote ? 2 : 1
            }
            let dc = decimalComma
            scratch.withUnsafeBufferPointer { s in
                builders[column].append(s.baseAddress!, s.count, offset: offset, decimalComma: dc, stable: false)
            }
        } else {
            builders[column].append(p, n, offset: offset, decimalComma: decimalComma, stable: true)
        }
    }

    @inline(__always)
    mutating func endRow(fields: Int, offset: Int) -> Bool {
        if fields != columnCount {
            raggedCount += 1
            if ragged.count < 5 { ragged.append((offset, fields)) }
            var c = fields
            while c < columnCount { builders[c].appendNull(); c += 1 }
        }
        rows += 1
        if rows & 8191 == 0 {
            if Cancellation.isRequested {
                cancelled = true
                return false
            }
            if rows & 65535 == 0 {
                if let report = reportProgress {
                    report(offset - progressStart)
                    progressStart = offset
                }
                if let file = releasing { releasePages(file, before: offset) }
            }
        }
        return true
    }
}

extension ChunkParser {
    /// Bytes kept resident behind the current row: the previous value of a column is compared in place
    /// (``ColumnBuilder``), and dropped pages would only be read back from the file.
    static let keptBehind = 1 << 16

    /// Drops the pages of the file from ``releasedUpTo`` to ``keptBehind`` bytes before `offset`.
    mutating func releasePages(_ file: SendableBuffer, before offset: Int) {
        let page = FileBytes.pageSize
        let end = (offset - Self.keptBehind) / page * page
        guard end > releasedUpTo else { return }
        FileBytes.release(file.buffer, releasedUpTo..<end)
        releasedUpTo = end
    }
}

/// Collects the first rows as byte arrays, for sniffing the header and the column types.
struct SampleCollector: RowSink {
    var rows: [[[UInt8]]] = []
    var current: [[UInt8]] = []
    let limit: Int
    var rowOffsets: [Int] = []

    init(limit: Int) { self.limit = limit }

    mutating func field(_ column: Int, _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool, offset: Int) {
        var bytes = Array(UnsafeBufferPointer(start: p, count: n))
        if escaped {
            var out: [UInt8] = []
            var k = 0
            while k < bytes.count {
                out.append(bytes[k])
                k += bytes[k] == FieldScanner.quote && k + 1 < bytes.count && bytes[k + 1] == FieldScanner.quote ? 2 : 1
            }
            bytes = out
        }
        current.append(bytes)
    }

    mutating func endRow(fields: Int, offset: Int) -> Bool {
        rows.append(current)
        rowOffsets.append(offset)
        current = []
        return rows.count < limit
    }
}
