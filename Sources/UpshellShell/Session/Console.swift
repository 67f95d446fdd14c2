import Foundation

/// Where the shell writes: standard output and standard error, or buffers in tests.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
}

/// Writes to the process's standard output and error, unbuffered enough for interactive use.
public final class StandardConsole: Console {
    public init() {}
    public func out(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    public func err(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Collects output in memory (for tests).
public final class BufferConsole: Console {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}
    public func out(_ text: String) { stdout += text }
    public func err(_ text: String) { stderr += text }
}
