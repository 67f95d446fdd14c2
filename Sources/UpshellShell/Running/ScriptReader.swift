import Foundation
import UpshellCore

/// One complete statement of a script: its text (continuation lines joined) and first line number.
public struct ScriptStatement: Sendable, Equatable {
    public var text: String
    public var line: Int
}

/// Bytes that are not UTF-8, found while reading a script.
public struct InvalidUTF8Error: UserFacingError {
    public let line: Int
    public let column: Int
    public let byte: UInt8
    public var message: String {
        "byte 0x\(String(byte, radix: 16, uppercase: true)) is not valid UTF-8"
    }
    public var hint: String? { "save the script as UTF-8 (data files may be Latin-1: load FILE encoding=latin1)" }
}

/// Turns script bytes into statements: lines joined while a quote is open or a line ends in `\`.
public enum ScriptReader {
    /// Splits bytes into lines (LF or CRLF) and validates UTF-8.
    ///
    /// - Throws: ``InvalidUTF8Error`` at the first invalid byte.
    public static func lines(of bytes: [UInt8]) throws -> [String] {
        var lines: [String] = []
        // a UTF-8 byte-order mark (editors on Windows write one) is not part of the first command
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 1
        func emit(_ end: Int) throws {
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            let slice = bytes[start..<stop]
            if let bad = firstInvalidUTF8(slice) {
                throw InvalidUTF8Error(line: lineNumber, column: bad - start + 1, byte: bytes[bad])
            }
            lines.append(String(decoding: slice, as: UTF8.self))
        }
        for i in bytes.indices where i >= start && bytes[i] == 0x0A {
            try emit(i)
            start = i + 1
            lineNumber += 1
        }
        if start < bytes.count { try emit(bytes.count) }
        return lines
    }

    /// Groups lines into complete statements (see ``Lexer/isComplete(_:)``).
    public static func statements(of lines: [String]) -> [ScriptStatement] {
        var statements: [ScriptStatement] = []
        var pending = ""
        var firstLine = 0
        for (i, line) in lines.enumerated() {
            if pending.isEmpty {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                firstLine = i + 1
                pending = line
            } else {
                pending += "\n" + line
            }
            if Lexer.isComplete(pending) {
                statements.append(ScriptStatement(text: pending, line: firstLine))
                pending = ""
            }
        }
        if !pending.isEmpty { statements.append(ScriptStatement(text: pending, line: firstLine)) }
        return statements
    }

    /// The index of the first byte that breaks UTF-8 in `bytes`, or `nil`.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.endIndex else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if b == 0xE0 && bytes[i + 1] < 0xA0 { return i }
            if b == 0xED && bytes[i + 1] > 0x9F { return i }
            if b == 0xF0 && bytes[i + 1] < 0x90 { return i }
            if b == 0xF4 && bytes[i + 1] > 0x8F { return i }
            i += length
        }
        return nil
    }
}
