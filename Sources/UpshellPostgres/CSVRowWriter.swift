import PostgresNIO

/// Appends rows of text cells to CSV bytes (RFC 4180): a field is quoted, with `"` doubled, only when it
/// holds the delimiter, a quote, a line break; SQL NULL is an empty field.
/// Works on the cells' bytes as they arrive: no `String` per cell.
struct CSVRowWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var rows = 0

    init(reserving capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    /// Appends the header line.
    mutating func appendHeader(_ names: [String]) {
        for (k, name) in names.enumerated() {
            if k > 0 { bytes.append(44) }
            appendField(Array(name.utf8))
        }
        bytes.append(10)
    }

    /// Appends one row's cells.
    mutating func append(_ row: PostgresRow) {
        var first = true
        for cell in row {
            if !first { bytes.append(44) }
            first = false
            guard let buffer = cell.bytes else { continue }
            buffer.withUnsafeReadableBytes { raw in appendField(raw.bindMemory(to: UInt8.self)) }
        }
        bytes.append(10)
        rows += 1
    }

    /// Appends one field, quoting it when it needs to be.
    mutating func appendField<C: Collection>(_ field: C) where C.Element == UInt8 {
        var needsQuotes = false
        for b in field where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            bytes.append(contentsOf: field)
            return
        }
        bytes.append(34)
        for b in field {
            if b == 34 { bytes.append(34) }
            bytes.append(b)
        }
        bytes.append(34)
    }
}
