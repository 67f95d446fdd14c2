import Foundation
import UpshellCore

/// A script that failed inside `source`; its own errors were already printed with their file:line.
public struct SourcedScriptFailed: UserFacingError {
    public let path: String
    public let failures: Int
    public var message: String { "'\(path)' stopped after \(failures) error\(failures == 1 ? "" : "s") (shown above)" }
}

/// `source FILE`: runs the commands of a script in this session.
public struct SourceCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "source", aliases: [".read", "run"], group: .shell,
        abstract: "run the commands of a script file in this session",
        discussion: "Errors inside the script are reported with the script's name and line; the script stops at its first error unless upshell runs with --keep-going. A script that sources itself, directly or through others, is refused.",
        positionals: [PositionalSpec("file", .path, "the script to run (.ups)")],
        examples: ["source weekly.ups"])

    /// The script as named, for messages, and its path with `~` expanded.
    let name: String
    let path: String
    let places: ArgumentPlaces

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = try arguments.positional(0, "a script file").text
        path = (name as NSString).expandingTildeInPath
        places = arguments.places
    }

    public func run(in session: Session) throws -> CommandOutput {
        let bytes = try ScriptRunner.read(path: path)
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if session.sourceStack.contains(real) {
            let chain = (session.sourceStack + [real]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw places.error("'\(name)' is already running: sourcing it again would loop forever (\(chain))", positional: 0,
                               hint: "remove the 'source' line that leads back to it")
        }
        guard session.sourceStack.count < 64 else {
            throw places.error("scripts nested more than 64 deep", positional: 0)
        }
        session.sourceStack.append(real)
        defer { session.sourceStack.removeLast() }
        let failures = ScriptRunner(interpreter: Interpreter(session: session)).run(bytes: bytes, name: name)
        if failures > 0 { throw SourcedScriptFailed(path: name, failures: failures) }
        return .empty
    }
}
