import Foundation
import UpshellCore

/// Where the shell writes: standard output and standard error, or buffers in tests.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
}

/// Writes to the process's standard output and error, unbuffered enough for interactive use.
public final class StandardConsole: Console {
    public init() {}
    /// Writes `text`; a long text goes out in 64 KB pieces and stops at Ctrl-C (a terminal takes
    /// seconds to show 4 M rows of CSV, and a write to it blocks until it has).
    public func out(_ text: String) {
        guard !text.isEmpty else { return }
        let bytes = Data(text.utf8)
        let piece = 1 << 16
        var start = 0
        while start < bytes.count {
            if start > 0 && Cancellation.isRequested { return }
            let end = min(bytes.count, start + piece)
            FileHandle.standardOutput.write(bytes[start..<end])
            start = end
        }
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
