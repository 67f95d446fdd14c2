import Foundation
import UpshellCore

/// A Markdown notebook: its lines, byte for byte, and the fenced `upshell` blocks to run, each with the
/// fenced `output` block under it (if any).
///
/// Fences follow CommonMark: a line of at least three backticks or tildes, indented at most three spaces,
/// opens a block whose info string's first word names its language; a line of the same character, at
/// least as long and with nothing after it, closes it. An `output` block belongs to the `upshell` block
/// right above it (only blank lines between them).
///
///     ```upshell
///     aov by month
///     ```
///     ```output
///     …what the commands printed…
///     ```
///
/// - Complexity: O(n) in the size of the file.
public struct NotebookDocument: Sendable, Equatable {
    /// The file's lines, each with its line ending (`\n`, `\r\n`, or none for a last line without one).
    public var lines: [String]
    /// The `upshell` blocks, in file order.
    public var cells: [NotebookCell]

    /// Parses a notebook's bytes.
    ///
    /// - Throws: ``InvalidUTF8Error`` (line and column of the first bad byte) or ``NotebookError`` for a
    ///   fence that is never closed.
    public init(bytes: [UInt8]) throws {
        if let bad = ScriptReader.firstInvalidUTF8(bytes[...]) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            throw InvalidUTF8Error(line: line, column: bad - lineStart + 1, byte: bytes[bad])
        }
        self.init(lines: Self.splitLines(String(decoding: bytes, as: UTF8.self)))
        try validate()
    }

    /// Finds the fenced blocks of already split lines (see ``splitLines(_:)``).
    init(lines: [String]) {
        self.lines = lines
        self.cells = []
        self.unclosedFence = nil
        var blocks: [FencedBlock] = []
        var i = 0
        while i < lines.count {
            guard let open = Fence(opening: Self.content(of: lines[i])) else { i += 1; continue }
            var close = i + 1
            while close < lines.count && !open.isClosed(by: Self.content(of: lines[close])) { close += 1 }
            if close == lines.count {
                unclosedFence = (line: i + 1, fence: open)
                break
            }
            blocks.append(FencedBlock(open: i, close: close, language: open.language))
            i = close + 1
        }
        for (k, block) in blocks.enumerated() where block.language == "upshell" {
            var output: FencedBlock?
            if k + 1 < blocks.count, blocks[k + 1].language == "output",
               (block.close + 1..<blocks[k + 1].open).allSatisfy({ Self.content(of: lines[$0]).allSatisfy(\.isWhitespace) }) {
                output = blocks[k + 1]
            }
            let code = (block.open + 1..<block.close).map { Self.content(of: lines[$0]) }
            cells.append(NotebookCell(code: code, open: block.open, close: block.close, output: output))
        }
    }

    /// A fence opened and never closed: its 1-based line and the fence.
    var unclosedFence: (line: Int, fence: Fence)?

    public static func == (a: NotebookDocument, b: NotebookDocument) -> Bool { a.lines == b.lines && a.cells == b.cells }

    func validate() throws {
        guard let (line, fence) = unclosedFence else { return }
        let marker = String(repeating: fence.character, count: fence.length)
        throw NotebookError(message: "the fence \(marker)\(fence.language.isEmpty ? "" : fence.language) opened on line \(line) is never closed",
                            hint: "close the block with a line of \(marker) (at least \(fence.length) \(fence.character == "`" ? "backticks" : "tildes"))")
    }

    /// Splits text into lines that keep their endings, so joining them gives the text back exactly.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            current.unicodeScalars.append(scalar)
            if scalar == "\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A line without its ending.
    static func content(of line: String) -> String {
        // by scalars: "\r\n" is one Character, so Character-wise suffix tests miss it
        var s = Substring(line).unicodeScalars
        if s.last == "\n" { s = s.dropLast() }
        if s.last == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// Whether a line ends with a line ending (a file's last line may not).
    static func isEnded(_ line: String) -> Bool { line.unicodeScalars.last == "\n" }
}

/// One `upshell` block: its commands and where it and its output block sit (0-based line indexes).
public struct NotebookCell: Sendable, Equatable {
    /// The block's lines, without endings.
    public var code: [String]
    /// The lines of the opening and closing fences.
    public var open: Int
    public var close: Int
    /// The `output` block right under it, if there is one.
    var output: FencedBlock?
}

/// A fenced block's opening and closing lines (0-based) and its language.
struct FencedBlock: Sendable, Equatable {
    var open: Int
    var close: Int
    var language: String
}

/// An opening code fence: its character, length and language (first word of the info string, lower case).
struct Fence: Sendable, Equatable {
    var character: Character
    var length: Int
    var language: String

    /// Reads an opening fence, or `nil` when the line is not one.
    init?(opening line: String) {
        guard let (character, length, rest) = Self.run(in: line) else { return nil }
        // a backtick fence's info string may not hold a backtick (that is inline code)
        if character == "`" && rest.contains("`") { return nil }
        self.character = character
        self.length = length
        self.language = rest.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map { $0.lowercased() } ?? ""
    }

    /// Whether `line` closes this fence: the same character, at least as many, nothing after them.
    func isClosed(by line: String) -> Bool {
        guard let (c, n, rest) = Self.run(in: line) else { return false }
        return c == character && n >= length && rest.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The fence run of a line: up to three spaces, then three or more backticks or tildes.
    private static func run(in line: String) -> (Character, Int, Substring)? {
        var s = Substring(line)
        var indent = 0
        while s.first == " " && indent < 4 { s = s.dropFirst(); indent += 1 }
        guard indent <= 3, let c = s.first, c == "`" || c == "~" else { return nil }
        let n = s.prefix { $0 == c }.count
        guard n >= 3 else { return nil }
        return (c, n, s.dropFirst(n))
    }
}

/// A notebook that cannot be read or run as asked.
public struct NotebookError: UserFacingError {
    public let message: String
    public let hint: String?
}
