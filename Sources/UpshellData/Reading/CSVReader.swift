import Dispatch
import Glibc
import Synchronization
import UpshellCore

/// How text bytes are decoded.
public enum TextEncoding: String, Sendable, Equatable {
    /// UTF-8, unless some value is not valid UTF-8: then Latin-1.
    case auto
    /// UTF-8 (invalid sequences become U+FFFD).
    case utf8
    /// ISO-8859-1: every byte is the code point of the same value.
    case latin1
}

/// Settings for reading one delimited file (the parts of ``LoadOptions`` the reader needs).
struct CSVReadOptions: Sendable {
    var delimiter: UInt8?
    var whitespaceSeparated = false
    var header: Bool?
    var columnNames: [String]?
    var encoding: TextEncoding = .auto
    var decimalComma: Bool?
    var dateFormat: DateFormat?
    var threads = 2
    /// Chunks to split the data into (`nil`: by size and threads). Tests force 1…64.
    var chunks: Int?
    /// The bytes are a file mapping: parsed chunks may drop their pages to keep peak memory low.
    var releasePages = false
}

/// A typed table read from a file, with what the reader noticed on the way.
struct CSVReadResult: Sendable {
    var table: Table
    /// Things the user should know: re-typed columns, encoding fallback, guessed dialect.
    var notes: [String]
    /// Per column, where a value first broke the guessed type (position and text).
    var typeBreaks: [Int: (position: FilePosition, text: String, from: ColumnType)]
    /// The encoding the text was decoded with.
    var encoding: TextEncoding
    var dialect: Dialect
    var header: Bool
    /// Read with `format=baskets` (columns `basket`, `item`).
    var baskets = false
    /// Chunks the data was parsed in (1 after a serial fallback).
    var chunksUsed = 1
    /// The first data rows as the file wrote them (for recognising headerless layouts).
    var sampleRows: [[String]] = []
    /// The bytes that were read, kept by the loader while it may still report a position in them.
    var bytes: FileBytes?
    /// The date layout each timestamp column was read in, by column index.
    var dateFormats: [Int: DateFormat] = [:]
    /// Reasons to doubt the file is order data (see ``LoadSummary/warnings``).
    var warnings: [String] = []
}

/// Reads delimited text into a ``Table``: sniff the dialect, header and types on the first rows,
/// split the rest into chunks at row boundaries (quote parity per chunk decides where rows start),
/// parse chunks in parallel into typed builders, merge, and re-read columns whose guessed type a
/// later value broke.
enum CSVReader {
    static let sampleRows = 2000

    static func read(_ file: FileBytes, path: String, options: CSVReadOptions,
                     progress: any ProgressReporter = SilentProgress()) throws -> CSVReadResult {
        var o = options
        o.releasePages = file.isMapped
        return try file.withBytes { buf in try read(buf, path: path, options: o, progress: progress) }
    }

    static func position(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int, path: String) -> FilePosition {
        var line = 1, lastNewline = -1
        let end = min(offset, buf.count)
        guard let base = buf.baseAddress else { return FilePosition(path: path, line: 1, column: 1) }
        var i = 0
        while i < end {
            guard let hit = memchr(base + i, 10, end - i) else { break }
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            line += 1; lastNewline = k; i = k + 1
        }
        return FilePosition(path: path, line: line, column: offset - lastNewline)
    }

    // hot loop: the parse of every byte of the file (chunking, parallel scan, merge); one body so the unsafe buffer never leaves its scope (STYLE.md: release-only crashes).
    static func read(_ buf: UnsafeBufferPointer<UInt8>, path: String, options: CSVReadOptions,
                     progress: any ProgressReporter) throws -> CSVReadResult {
        var start = 0
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { start = 3 }
        guard let base = buf.baseAddress, (start..<buf.count).contains(where: { !isBlank(buf[$0]) }) else {
            throw LoadError.emptyFile(path: path)
        }
        if buf.count >= 2, (buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF) {
            throw LoadError.unreadable(path: path, reason: "the file is UTF-16 text; save it as UTF-8 (or Latin-1) CSV")
        }
        // Binary files show NUL bytes early (file(1) and git look at the first few kilobytes): checking the
        // first and last megabyte keeps this serial pass from touching every page of a large mapped file.
        let probe = 1 << 20
        for range in [0..<min(probe, buf.count), max(min(probe, buf.count), buf.count - probe)..<buf.count] where !range.isEmpty {
            if let nul = memchr(base + range.lowerBound, 0, range.count) {
                throw LoadError.binaryFile(position: position(buf, base.distance(to: nul.assumingMemoryBound(to: UInt8.self)), path: path))
            }
        }
        let plan = try self.plan(buf, start: start, path: path, options: options)
        var kinds = plan.kinds
        let (dialect, dataStart, rowBytes, columnCount) = (plan.dialect, plan.dataStart, plan.rowBytes, plan.columnCount)

        let timer = PhaseTimer("read")
        var parts = try parseAll(buf, from: dataStart, kinds: kinds, dialect: dialect, rowBytes: rowBytes,
                                 options: options, path: path, progress: progress)
        var breaks = earliestBreaks(parts, columnCount: columnCount)
        let reparse = unify(&parts, columnCount: columnCount)
        if !reparse.isEmpty {
            for c in reparse { kinds[c] = .text }
            parts = try parseAll(buf, from: dataStart, kinds: kinds, dialect: dialect, rowBytes: rowBytes,
                                 options: options, path: path, progress: progress)
            _ = unify(&parts, columnCount: columnCount)
            for (c, b) in earliestBreaks(parts, columnCount: columnCount) where breaks[c] == nil { breaks[c] = b }
        }

        return try assemble(&parts, plan: plan, breaks: breaks, options: options, path: path, timer: timer, progress: progress,
                            position: { position(buf, $0, path: path) },
                            textAfterQuote: { textAfterQuoteNote($0, buf, $1, delimiter: dialect.whitespaceSeparated ? 32 : dialect.delimiter) })
    }

    /// A note naming the first line where text followed a closing quote (`"tv" big`): that text is in no
    /// field, so it is dropped — said, never silent.
    static func textAfterQuoteNote(_ parts: [ChunkParser], _ buf: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding, delimiter: UInt8) -> String? {
        let found = parts.compactMap(\.textAfterQuote)
        guard let first = found.min(by: { $0.offset < $1.offset }) else { return nil }
        let total = found.reduce(0) { $0 + $1.count }
        var end = first.offset
        while end < buf.count, end - first.offset < 40, buf[end] != 10, buf[end] != 13, buf[end] != delimiter { end += 1 }
        let text = decode(buf[first.offset..<end], encoding)
        let line = position(buf, first.offset, path: "").line
        return "line \(line): text after a closing quote ('\(text)') belongs to no field and was dropped"
            + (total > 1 ? " (\(total) fields in all)" : "") + "; a quote inside a field is written twice (\"\")"
    }

    /// Merges every column's chunk builders into finished columns, columns in parallel.
    static func mergeColumns(_ parts: inout [ChunkParser], names: [String], encoding: TextEncoding, threads: Int) -> [Column] {
        let columnCount = names.count
        var perColumn: [[ColumnBuilder]] = (0..<columnCount).map { c in parts.map { $0.builders[c] } }
        parts = []  // the builders now live only in perColumn, so merging frees them as it goes
        // Each merge consumes its column's builders in place (freeing them as it goes), through the pointer.
        return perColumn.withUnsafeMutableBufferPointer { builders in
            guard let base = builders.baseAddress else { return [] }
            let b = SendablePointer(base)
            return ParallelParts.each(columnCount, serially: threads <= 1) { c in
                // Ctrl-C: the remaining columns are not merged (the caller throws before any is used)
                if Cancellation.isRequested { return ColumnMerger.abandoned(names[c]) }
                let timer = PhaseTimer("merge")
                let column = ColumnMerger.merge(&b.pointer[c], name: names[c], encoding: encoding)
                timer.mark("column \(names[c])")
                return column
            }
        }
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    static func decode<C: Collection<UInt8>>(_ bytes: C, _ encoding: TextEncoding) -> String {
        if encoding == .latin1 {
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return String(s)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.enumerated().map { k, raw in
            var name = raw.isEmpty ? "column\(k + 1)" : raw
            var suffix = 2
            while seen.contains(name.lowercased()) { name = "\(raw)_\(suffix)"; suffix += 1 }
            seen.insert(name.lowercased())
            return name
        }
    }

    static func earliestBreaks(_ parts: [ChunkParser], columnCount: Int) -> [Int: TypeBreak] {
        var out: [Int: TypeBreak] = [:]
        for p in parts {
            for c in 0..<columnCount {
                if let b = p.builders[c].typeBreak, out[c] == nil || b.offset < out[c]!.offset { out[c] = b }
            }
        }
        return out
    }

    /// Brings every chunk's builder for a column to one kind; returns the columns that must be re-read.
    static func unify(_ parts: inout [ChunkParser], columnCount: Int) -> Set<Int> {
        var reparse = Set<Int>()
        for c in 0..<columnCount {
            let kinds = parts.map { $0.builders[c].kind }
            if parts.contains(where: { $0.builders[c].needsReparse }) { reparse.insert(c); continue }
            if Set(kinds.map(\.columnType)).count <= 1 {
                if case .timestamp = kinds[0], Set(kinds.map { "\($0)" }).count > 1 { reparse.insert(c) }
                continue
            }
            if kinds.contains(where: { if case .timestamp = $0 { true } else { false } }) { reparse.insert(c); continue }
            if kinds.contains(.text) {
                for j in parts.indices where parts[j].builders[c].kind != .text {
                    let b = parts[j].builders[c]
                    guard b.kind == .integer, b.canonical else { reparse.insert(c); break }
                    var t = ColumnBuilder(kind: .text, capacity: b.ints.count)
                    for v in b.ints {
                        if v == .min { t.codes.append(-1); continue }
                        var bytes = Array(String(v).utf8)
                        t.codes.append(bytes.withUnsafeMutableBufferPointer { t.dictionary.intern($0.baseAddress!, $0.count) })
                    }
                    t.typeBreak = b.typeBreak
                    parts[j].builders[c] = t
                }
            } else {
                for j in parts.indices where parts[j].builders[c].kind == .integer {
                    parts[j].builders[c].doubles = parts[j].builders[c].ints.map { $0 == .min ? .nan : Double($0) }
                    parts[j].builders[c].ints = []
                    parts[j].builders[c].kind = .decimal
                }
            }
        }
        return reparse
    }
}
