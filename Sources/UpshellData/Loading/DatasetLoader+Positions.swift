/// Where a table cell stands in the file the loader read, for messages that name `file:line:column`.
extension DatasetLoader {
    /// Where row `row`, field `c` of the table stands in the file (for errors).
    static func position(row: Int, column c: Int, read: CSVReadResult, path: String) -> FilePosition {
        let line = row + (read.header ? 2 : 1)
        return FilePosition(path: path, line: line, column: fieldColumn(line: line, field: c, read: read))
    }

    /// The 1-based line of table row `row` (the header counts as a line).
    static func line(ofRow row: Int, read: CSVReadResult) -> Int { row + (read.header ? 2 : 1) }

    /// The 1-based character column where field `field` starts on `line` of the bytes the reader read
    /// (1 when unknown). Counts characters (UTF-8 sequences, or bytes in Latin-1) and delimiters as
    /// written, without reading the file again.
    static func fieldColumn(line: Int, field: Int, read: CSVReadResult) -> Int {
        guard let bytes = read.bytes else { return 1 }
        let delimiter = read.dialect.delimiter
        let utf8 = read.encoding != .latin1
        return bytes.withBytes { buf -> Int in
            var i = 0, current = 1
            while current < line {
                guard let newline = buf[i...].firstIndex(of: 10) else { return 1 }
                i = newline + 1
                current += 1
            }
            var column = 1, seen = 0
            while i < buf.count, buf[i] != 10, buf[i] != 13 {
                if seen == field { return column }
                if buf[i] == delimiter { seen += 1 }
                if !utf8 || buf[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            return column
        }
    }
}
