import Foundation

/// UTF-16 text (as Excel's "Unicode text" and some Windows tools save it) converted to UTF-8 before
/// reading, so it is read rather than refused as "binary" for its NUL bytes.
///
/// Recognised by a byte-order mark (`FF FE` little-endian, `FE FF` big-endian), or without one when the
/// first bytes are mostly ASCII with a NUL in every other position (ASCII text in UTF-16 shows exactly that).
enum UTF16Text {
    /// `file` converted to UTF-8 when it is UTF-16, else `file` itself.
    static func converted(_ file: FileBytes, path: String) throws -> FileBytes {
        guard let (encoding, name, skip) = file.withBytes(detect) else { return file }
        let data = file.withBytes { Data(UnsafeBufferPointer(rebasing: $0[skip...])) }
        guard let text = String(data: data, encoding: encoding) else {
            throw LoadError.unreadable(path: path, reason: "the text starts as \(name) but is not valid \(name)")
        }
        return FileBytes.converted(Array(text.utf8), from: name)
    }

    /// The encoding, its name and the bytes to skip (the mark), or `nil` for text that is not UTF-16.
    static func detect(_ buf: UnsafeBufferPointer<UInt8>) -> (String.Encoding, String, Int)? {
        if buf.count >= 2, buf[0] == 0xFF, buf[1] == 0xFE { return (.utf16LittleEndian, "UTF-16LE", 2) }
        if buf.count >= 2, buf[0] == 0xFE, buf[1] == 0xFF { return (.utf16BigEndian, "UTF-16BE", 2) }
        // no mark: 64 or more leading bytes where every odd (LE) or even (BE) byte is NUL and the others are not
        let n = min(buf.count, 512) & ~1
        guard n >= 64 else { return nil }
        var evenNul = 0, oddNul = 0
        for i in stride(from: 0, to: n, by: 2) {
            if buf[i] == 0 { evenNul += 1 }
            if buf[i + 1] == 0 { oddNul += 1 }
        }
        let pairs = n / 2
        if oddNul == pairs && evenNul == 0 { return (.utf16LittleEndian, "UTF-16LE", 0) }
        if evenNul == pairs && oddNul == 0 { return (.utf16BigEndian, "UTF-16BE", 0) }
        return nil
    }
}
