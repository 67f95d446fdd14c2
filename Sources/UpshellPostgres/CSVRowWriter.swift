import Foundation
import PostgresNIO

/// Appends rows of text cells to CSV bytes (RFC 4180): a field is quoted, with `"` doubled, only when it
/// holds the delimiter, a quote, a line break; SQL NULL is an empty field.
/// Works on the cells' bytes as they arrive: no `String` per cell, no per-byte array growth.
struct CSVRowWriter {
    /// `storage[0..<count]` is the CSV; the rest is room, never read.
    private var storage: [UInt8]
    /// Bytes written.
    private(set) var count = 0
    private(set) var rows = 0

    init(reserving capacity: Int = 1 << 20) { storage = Self.room(max(capacity, 64)) }

    /// The CSV written; the writer is empty afterwards.
    mutating func takeBytes() -> [UInt8] {
        storage.removeSubrange(count...)
        let bytes = storage
        storage = Self.room(64)
        count = 0
        rows = 0
        return bytes
    }

    /// Appends the header line.
    mutating func appendHeader(_ names: [String]) {
        for (k, name) in names.enumerated() {
            if k > 0 { appendByte(44) }
            Array(name.utf8).withUnsafeBufferPointer { appendField($0) }
        }
        appendByte(10)
    }

    /// Appends one row sent as a single record text cell (`SELECT r::text FROM (…) r`: PostgreSQL's `record_out`,
    /// one cell per row instead of one per column, so fewer bytes and far less per-cell work on both sides).
    /// The CSV written is byte for byte what writing the same row's cells one per column gives (a test compares them).
    mutating func appendRecord(_ row: PostgresRow) {
        guard let cell = row.first, let buffer = cell.bytes else {
            appendByte(10)
            rows += 1
            return
        }
        buffer.withUnsafeReadableBytes { raw in appendRecord(raw.bindMemory(to: UInt8.self)) }
    }

    /// Appends the CSV line of a record's text (see ``RecordText``).
    mutating func appendRecord(_ text: UnsafeBufferPointer<UInt8>) {
        guard text.count >= 2, let base = text.baseAddress, base[0] == 40 else {
            appendByte(10)
            rows += 1
            return
        }
        // the line is never longer than the record: `(` `)` dropped, CSV escapes no more than records do
        ensure(text.count)
        let at = count
        count += storage.withUnsafeMutableBufferPointer { out in RecordText.csvLine(base, count: text.count, into: out.baseAddress! + at).written }
        rows += 1
    }

    /// Appends the rows of one cell holding several record texts, one after the other with a `\n` between them
    /// (`string_agg(r::text, E'\n')`, ``TableSplit``'s page chunks). A NULL cell holds no rows.
    mutating func appendRecords(_ row: PostgresRow) {
        guard let cell = row.first, let buffer = cell.bytes else { return }
        buffer.withUnsafeReadableBytes { raw in appendRecords(raw.bindMemory(to: UInt8.self)) }
    }

    /// Appends the CSV lines of record texts separated by line breaks.
    mutating func appendRecords(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        ensure(text.count)
        let n = text.count
        var lines = 0
        let written = storage.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress! + count
            var i = 0, o = 0
            while i < n {
                if base[i] != 40 { i += 1; continue }   // the \n between records
                let (w, r) = RecordText.csvLine(base + i, count: n - i, into: out + o)
                o += w
                i += r
                lines += 1
            }
            return o
        }
        count += written
        rows += lines
    }

    /// Calls `body` with the CSV written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Appends another writer's rows (written without a header).
    mutating func append(contentsOf other: CSVRowWriter) {
        ensure(other.count)
        let at = count
        storage.withUnsafeMutableBufferPointer { out in
            other.storage.withUnsafeBufferPointer { from in (out.baseAddress! + at).update(from: from.baseAddress!, count: other.count) }
        }
        count += other.count
        rows += other.rows
    }

    /// Appends one field, quoting it when it needs to be.
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in field where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        ensure(2 * field.count + 2)
        guard needsQuotes else {
            for b in field { appendByte(b) }
            return
        }
        appendByte(34)
        for b in field {
            if b == 34 { appendByte(34) }
            appendByte(b)
        }
        appendByte(34)
    }

    private mutating func appendByte(_ b: UInt8) {
        ensure(1)
        storage[count] = b
        count += 1
    }

    /// Makes room for `more` bytes after the current ones.
    mutating func ensure(_ more: Int) {
        guard count + more > storage.count else { return }
        var larger = Self.room(max(2 * storage.count, count + more))
        larger.withUnsafeMutableBufferPointer { to in
            storage.withUnsafeBufferPointer { from in to.baseAddress!.update(from: from.baseAddress!, count: count) }
        }
        storage = larger
    }

    /// An array of `n` bytes that are not set: only written ones are ever read. (Asking the kernel for huge
    /// pages here made the 1 M-line load slower: 1.61–1.65 s against 1.47–1.49 s.)
    private static func room(_ n: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
    }
}

/// PostgreSQL's text form of a record, `(f1,f2,…)`, turned into a CSV line. A record field is empty for NULL,
/// bare when it holds none of `"` `\` `(` `)` `,` or white space (and is not empty), else in double quotes
/// with `"` and `\` doubled. CSV quotes only fields holding `,` `"` or a line break, doubling `"`.
enum RecordText {
    /// Writes the CSV line (with its `\n`) of the record text that starts `p[0..<n]` (`(` … `)`, maybe more after
    /// it) to `out`. Returns the line's length, at most the record's less one, and the record's length.
    static func csvLine(_ p: UnsafePointer<UInt8>, count n: Int, into out: UnsafeMutablePointer<UInt8>) -> (written: Int, read: Int) {
        var i = 1, o = 0
        while true {
            if i < n && p[i] == 34 {
                // a quoted field: find its closing quote, noting escapes and what makes CSV quote it
                var j = i + 1, backslash = false, quoted = false
                while j < n {
                    let b = p[j]
                    if b == 34 {
                        if j + 1 < n && p[j + 1] == 34 { quoted = true; j += 2; continue }
                        break
                    }
                    if b == 92 { backslash = true; j += 2; continue }
                    if b == 44 || b == 10 || b == 13 { quoted = true }
                    j += 1
                }
                j = min(j, n)
                if quoted { out[o] = 34; o += 1 }
                if backslash {
                    var k = i + 1
                    while k < j {
                        // `\\` is one backslash; `""` stays `""` (CSV doubles quotes too)
                        if p[k] == 92 && k + 1 < j { k += 1 } else if p[k] == 34 && k + 1 < j { out[o] = 34; o += 1; k += 1 }
                        out[o] = p[k]
                        o += 1
                        k += 1
                    }
                } else {
                    (out + o).update(from: p + i + 1, count: j - i - 1)
                    o += j - i - 1
                }
                if quoted { out[o] = 34; o += 1 }
                i = j + 1
            } else {
                // a bare field runs to the next `,` or `)`
                while i < n && p[i] != 44 && p[i] != 41 {
                    out[o] = p[i]
                    o += 1
                    i += 1
                }
            }
            if i >= n || p[i] == 41 { break }
            out[o] = 44
            o += 1
            i += 1
        }
        out[o] = 10
        return (o + 1, min(i + 1, n))
    }
}
