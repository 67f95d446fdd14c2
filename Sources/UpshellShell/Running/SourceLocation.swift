/// Where a command came from: a script file and line, the `-c` argument, or the prompt.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// File name as given (`weekly.ups`), `-c`, `<stdin>` or `nil` for the prompt.
    public var name: String?
    /// 1-based line of the command's first line.
    public var line: Int
    /// 1-based column, when the error points into the line.
    public var column: Int?

    public init(name: String?, line: Int, column: Int? = nil) {
        self.name = name
        self.line = line
        self.column = column
    }

    public static let prompt = SourceLocation(name: nil, line: 0)

    public var description: String { name.map { "\($0):\(line)" + (column.map { ":\($0)" } ?? "") } ?? "" }
}

/// A command that failed, with where it came from.
public struct CommandFailure: Error {
    public var location: SourceLocation
    public var error: Error
    /// Whether the failure comes from a nested `source` (already has a file:line prefix).
    public var nested: Bool = false
}
