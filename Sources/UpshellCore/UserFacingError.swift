/// An error written for the person at the terminal.
///
/// Every error that input can cause is a type conforming to this protocol: it says what went wrong
/// (`message`, lower case, user input in single quotes) and, where possible, how to fix it (`hint`).
/// The shell prints `error: <message>` and, on the next line, `hint: <hint>`.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// What went wrong, naming the offending input.
    var message: String { get }
    /// How to fix it, or `nil` when there is nothing useful to say.
    var hint: String? { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var description: String {
        if let hint { return "\(message)\nhint: \(hint)" }
        return message
    }
}

/// A bug in upshell rather than bad input: reported as such ("please report"), never a crash.
public struct InternalError: UserFacingError {
    public let message: String
    public init(_ what: String) { self.message = "internal error: \(what)" }
    public var hint: String? { "this is a bug in upshell; please report it with the command that caused it" }
}
