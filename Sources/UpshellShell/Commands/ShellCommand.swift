/// A command of the shell: static metadata, argument parsing without side effects, then `run`.
///
/// Conforming types are value types registered in ``CommandRegistry/all``. `init(arguments:)` turns the
/// words into typed fields and throws ``LanguageError`` for malformed input; `run(in:)` does the work
/// and returns a ``CommandOutput`` that the shell renders in the chosen format.
public protocol ShellCommand: Sendable {
    /// Name, options, help and examples.
    static var spec: CommandSpec { get }
    /// Parses and validates the words; no side effects.
    init(arguments: Arguments) throws
    /// Runs against the session; long loops call `Cancellation.check()`.
    func run(in session: Session) throws -> CommandOutput
}
