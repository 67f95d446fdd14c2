import Dispatch
import Glibc
import Synchronization
import UpshellCore

extension CSVReader {
    /// Parses the data rows from `from` to the end, in parallel chunks when the file is big enough
    /// (or when `options.chunks` says so). `rowBytes`: the average bytes per row in the sample, so each
    /// chunk's builders reserve about what they will hold instead of growing by copying.
    ///
    /// Chunk borders: the data is cut into equal byte ranges; quotes are counted in each range (in
    /// parallel); the parity of the quotes before a border tells whether it falls inside a quoted
    /// field, so the next row start is the first newline after it outside quotes. A stray quote
    /// (inside an unquoted field) makes parity meaningless, and a chunk whose last row does not end
    /// exactly at the next chunk's start is inconsistent: either way the data is parsed again serially.
    static func parseAll(_ buf: UnsafeBufferPointer<UInt8>, from: Int, kinds: [BuilderKind], dialect: Dialect,
                         rowBytes: Int, options: CSVReadOptions, path: String,
                         progress: any ProgressReporter) throws -> [ChunkParser] {
        let bytes = buf.count - from
        // Two chunks per thread: few enough that merging chunk dictionaries stays cheap (each chunk
        // holds most of a file's customers), enough to even out a thread that falls behind.
        let wanted = options.chunks ?? (bytes < 4 << 20 ? 1 : max(1, options.threads) * 2)
        let chunkCount = max(1, min(wanted, max(1, bytes / 16)))
        if chunkCount > 1 {
            let starts = chunkStarts(buf, from: from, count: chunkCount, release: options.releasePages)
            if let parts = try parseChunks(buf, starts: starts, kinds: kinds, dialect: dialect, rowBytes: rowBytes,
                                           options: options, path: path, progress: progress) {
                return parts
            }
        }
        let parts = try parseChunks(buf, starts: [from, buf.count], kinds: kinds, dialect: dialect, rowBytes: rowBytes,
                                    options: options, path: path, progress: progress)
        return parts ?? []
    }

    /// Row-start offsets for `count` chunks (first = `from`, last = end of file; may repeat).
    /// `release`: the bytes are a file mapping whose pages are dropped once their quotes are counted, so
    /// counting does not make the whole file resident before the parse (which reads them back in turn).
    static func chunkStarts(_ buf: UnsafeBufferPointer<UInt8>, from: Int, count: Int, release: Bool = false) -> [Int] {
        let n = buf.count
        let nominal = (0...count).map { from + (n - from) * $0 / count }
        let input = SendableBuffer(buf)
        let quotes = ParallelParts.each(count) { j in
            var c = 0
            guard let base = input.buffer.baseAddress else { return 0 }
            let end = nominal[j + 1]
            let block = release ? 1 << 23 : end - nominal[j]
            var blockStart = nominal[j]
            while blockStart < end {
                let blockEnd = min(end, blockStart + block)
                var i = blockStart
                while i < blockEnd, let hit = memchr(base + i, Int32(FieldScanner.quote), blockEnd - i) {
                    c += 1
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                }
                if release { FileBytes.release(input.buffer, blockStart..<blockEnd) }
                blockStart = blockEnd
            }
            return c
        }
        var starts = [from]
        var parity = 0
        for j in 1..<count {
            parity = (parity + quotes[j - 1]) & 1
            var inQuotes = parity == 1
            var i = nominal[j]
            while i < n {
                let c = buf[i]
                if c == FieldScanner.quote { inQuotes.toggle() } else if c == FieldScanner.lf && !inQuotes { i += 1; break }
                i += 1
            }
            starts.append(max(i, starts.last!))
        }
        starts.append(n)
        return starts
    }

    /// Parses each `[starts[j], starts[j+1])` concurrently; `nil` when the chunks are inconsistent.
    static func parseChunks(_ buf: UnsafeBufferPointer<UInt8>, starts: [Int], kinds: [BuilderKind], dialect: Dialect,
                            rowBytes: Int, options: CSVReadOptions, path: String,
                            progress: any ProgressReporter) throws -> [ChunkParser]? {
        let count = starts.count - 1
        let total = starts[count] - starts[0]
        let done = Atomic<Int>(0)
        let averageRowBytes = max(1, rowBytes)
        let input = SendableBuffer(buf)
        let results = ParallelParts.each(count, serially: options.threads <= 1) { j -> (ChunkParser, ScanOutcome) in
            // an eighth more than the sample's row size predicts: reserved pages never written cost nothing
            let expected = (starts[j + 1] - starts[j]) / averageRowBytes * 9 / 8 + 16
            var parser = ChunkParser(kinds: kinds, decimalComma: dialect.decimalComma, expectedRows: expected)
            parser.progressStart = starts[j]
            if options.releasePages {
                parser.releasing = input
                parser.releasedUpTo = (starts[j] + FileBytes.pageSize - 1) / FileBytes.pageSize * FileBytes.pageSize
            }
            parser.reportProgress = { bytes in
                progress.update(done: done.add(bytes, ordering: .relaxed).newValue, total: total)
            }
            let outcome = FieldScanner.scan(input.buffer, from: starts[j], to: starts[j + 1], dialect: dialect, sink: &parser)
            parser.textAfterQuote = outcome.textAfterQuote.map { ($0, outcome.textAfterQuoteCount) }
            let rest = starts[j + 1] - parser.progressStart
            parser.reportProgress = nil
            if options.releasePages { FileBytes.release(input.buffer, starts[j]..<starts[j + 1]) }
            progress.update(done: done.add(rest, ordering: .relaxed).newValue, total: total)
            return (parser, outcome)
        }
        var parts: [ChunkParser] = []
        for j in 0..<count {
            let (parser, outcome) = results[j]
            if parser.cancelled { throw CancelledError() }
            if let q = outcome.unterminatedQuote {
                if count > 1 { return nil }
                throw LoadError.unterminatedQuote(position: position(buf, q, path: path))
            }
            if count > 1 && (outcome.strayQuote || (j < count - 1 && outcome.end != starts[j + 1])) { return nil }
            parts.append(parser)
        }
        return parts
    }
}

/// A pointer handed to concurrent workers that each write their own element.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// Read-only file bytes handed to concurrent workers.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }
}
