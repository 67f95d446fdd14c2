import Foundation
import UpshellCore

/// A script that cannot be read.
public struct ScriptFileError: UserFacingError {
    public let message: String
    public let hint: String?
}

/// Runs scripts: files (`-f`, `source`), the `-c` text, and lines piped on standard input.
///
/// Each statement runs with its location (`weekly.ups:12`); the first failure stops the script unless
/// the session keeps going.
public struct ScriptRunner {
    public let interpreter: Interpreter
    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Reads a script file's bytes, with errors for a missing file, a directory or an unreadable file.
    public static func read(path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScriptFileError(message: "script '\(path)' does not exist", hint: "check the path; a relative path starts from the folder upshell was started in")
        }
        if isDirectory.boolValue {
            throw ScriptFileError(message: "'\(path)' is a directory, not a script", hint: "name a file of commands, such as weekly.ups")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptFileError(message: "cannot read script '\(path)'", hint: "check its permissions")
        }
        return [UInt8](data)
    }

    /// Runs `bytes` as a script named `name`. Returns the number of failed commands.
    @discardableResult
    public func run(bytes: [UInt8], name: String) -> Int {
        let lines: [String]
        do {
            lines = try ScriptReader.lines(of: bytes)
        } catch let error as InvalidUTF8Error {
            // Run what precedes the bad line, then report it.
            let good = (try? ScriptReader.lines(of: Array(bytes.prefix(upTo: Self.lineStart(bytes, line: error.line))))) ?? []
            let failures = run(lines: good, name: name)
            if failures > 0 && !interpreter.session.keepGoing { return failures }
            interpreter.report(error, at: SourceLocation(name: name, line: error.line, column: error.column))
            return failures + 1
        } catch {
            interpreter.report(error, at: SourceLocation(name: name, line: 1))
            return 1
        }
        return run(lines: lines, name: name)
    }

    /// Runs already decoded lines; `firstLine` is the line number of the first (a notebook block's lines
    /// start inside the file).
    public func run(lines: [String], name: String, firstLine: Int = 1) -> Int {
        var failures = 0
        for statement in ScriptReader.statements(of: lines) {
            let failed = interpreter.run(statement.text, at: SourceLocation(name: name, line: statement.line + firstLine - 1))
            failures += failed
            if interpreter.session.quitRequested { break }
            if failed > 0 && (!interpreter.session.keepGoing || Cancellation.wasInterrupted) { break }
        }
        return failures
    }

    private static func lineStart(_ bytes: [UInt8], line: Int) -> Int {
        var current = 1
        for i in bytes.indices where bytes[i] == 0x0A {
            current += 1
            if current == line { return i + 1 }
        }
        return bytes.count
    }
}
