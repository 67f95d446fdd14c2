#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UpshellCore

/// The persistent command history: one entry per line, shared safely by several shells at once.
///
/// - Location: `$UPSHELL_HISTORY_FILE`, else `$XDG_STATE_HOME/upshell/history`, else
///   `~/.local/state/upshell/history` (see ``defaultPath(lookup:)``); missing directories are created.
/// - Format: UTF-8, one entry per line; a multi-line entry is kept on one line with `\n` written as the
///   two characters `\` `n` and `\` written as `\\` (see ``encode(_:)`` / ``decode(_:)``).
/// - Appends: each accepted entry is written with a single `write` on an `O_APPEND` descriptor while
///   holding `flock(LOCK_EX)`, so lines from two shells never interleave.
/// - Size cap: when the file holds more than 2 × ``capacity`` lines, the last ``capacity`` are rewritten
///   to a temporary file that is renamed over the history, still under the lock. A writer that was
///   waiting on the old file notices the rename (different inode) and reopens before writing.
///
/// ```swift
/// let history = HistoryFile(path: HistoryFile.defaultPath() ?? "/tmp/history")
/// let earlier = try history.load()      // oldest first
/// try history.append("summary orders")   // false when skipped (empty or immediate duplicate)
/// ```
public final class HistoryFile {
    /// Absolute path of the history file.
    public let path: String
    /// Number of entries kept; the file may grow to twice this before it is trimmed.
    public let capacity: Int
    /// The last entry loaded or appended by this instance, used to skip immediate duplicates.
    private var lastEntry: String?

    /// A history file at `path` keeping `capacity` entries (at least 1).
    public init(path: String, capacity: Int = 1000) {
        self.path = path
        self.capacity = max(1, capacity)
    }

    /// The history of the current user, or `nil` when neither a variable nor `$HOME` gives a location.
    public static func standard(capacity: Int = 1000) -> HistoryFile? {
        defaultPath().map { HistoryFile(path: $0, capacity: capacity) }
    }

    /// Where the history lives: `UPSHELL_HISTORY_FILE` if set, else `$XDG_STATE_HOME/upshell/history`
    /// (only when that is an absolute path, as the XDG spec requires), else `$HOME/.local/state/upshell/history`.
    /// `lookup` reads an environment variable (the process environment by default).
    public static func defaultPath(
        lookup: (String) -> String? = XDGPaths.environment
    ) -> String? {
        if let explicit = lookup("UPSHELL_HISTORY_FILE"), !explicit.isEmpty { return explicit }
        return XDGPaths.directory(.state, lookup: lookup).map { $0 + "/upshell/history" }
    }

    // MARK: Encoding

    /// One entry as one line: `\` → `\\`, newline → `\n`, carriage return → `\r`.
    public static func encode(_ entry: String) -> String {
        var out = ""
        out.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Inverse of ``encode(_:)``; an unknown escape such as `\t` is kept as written.
    public static func decode(_ line: some StringProtocol) -> String {
        var out = ""
        var escaping = false
        for scalar in line.unicodeScalars {
            if escaping {
                switch scalar {
                case "n": out += "\n"
                case "r": out += "\r"
                case "\\": out += "\\"
                default: out += "\\"; out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaping { out += "\\" }
        return out
    }

    // MARK: Reading and writing

    /// The last ``capacity`` entries, oldest first; an empty array when the file does not exist yet.
    /// Invalid UTF-8 is repaired (U+FFFD), never fatal.
    public func load() throws(HistoryFileError) -> [String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw HistoryFileError(path: path, operation: "read", errno: errno)
        }
        defer { close(fd) }
        flock(fd, LOCK_SH)
        defer { flock(fd, LOCK_UN) }
        let lines = try Self.readLines(fd: fd, path: path)
        let entries = lines.suffix(capacity).map { Self.decode($0) }.filter { !$0.isEmpty }
        lastEntry = entries.last
        return Array(entries)
    }

    /// Appends `entry` unless it is blank or equal to the previous entry; returns whether it was written.
    /// Creates the file and its directories on first use. Trims the file when it passes 2 × ``capacity``.
    @discardableResult
    public func append(_ entry: String) throws(HistoryFileError) -> Bool {
        // a connection URL's password never reaches the file (`load postgres://USER:PASSWORD@…`)
        let entry = SecretRedaction.redact(entry)
        if entry.allSatisfy(\.isWhitespace) || entry == lastEntry { return false }
        lastEntry = entry
        let fd = try openLockedForAppend()
        defer { flock(fd, LOCK_UN); close(fd) }
        let bytes = Array((Self.encode(entry) + "\n").utf8)
        try Self.writeAll(fd: fd, bytes: bytes, path: path)
        try trimIfNeeded(fd: fd)
        return true
    }

    /// Opens the file for appending and takes the exclusive lock, retrying when another shell renamed a
    /// trimmed copy over it while we waited (the lock would then protect a file nobody reads).
    private func openLockedForAppend() throws(HistoryFileError) -> Int32 {
        try Self.makeParentDirectories(of: path)
        for _ in 0..<20 {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            if fd < 0 { throw HistoryFileError(path: path, operation: "open", errno: errno) }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    let code = errno
                    close(fd)
                    throw HistoryFileError(path: path, operation: "lock", errno: code)
                }
            }
            var opened = stat()
            var current = stat()
            if fstat(fd, &opened) == 0, stat(path, &current) == 0,
                opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
            {
                return fd
            }
            flock(fd, LOCK_UN)
            close(fd)
        }
        throw HistoryFileError(path: path, operation: "lock", errno: EAGAIN)
    }

    /// Rewrites the last ``capacity`` lines through a temporary file when the file holds more than
    /// 2 × ``capacity`` lines. Called with the exclusive lock held on `fd`.
    private func trimIfNeeded(fd: Int32) throws(HistoryFileError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return }
        // Every line takes at least two bytes (one character and the newline): a small file cannot be over.
        guard Int(info.st_size) > 4 * capacity else { return }
        let reader = open(path, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { return }
        let lines: [Substring]
        do {
            defer { close(reader) }
            lines = try Self.readLines(fd: reader, path: path)
        }
        guard lines.count > 2 * capacity else { return }
        let kept = lines.suffix(capacity).joined(separator: "\n") + "\n"
        let temporary = "\(path).\(getpid()).tmp"
        let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw HistoryFileError(path: temporary, operation: "create", errno: errno) }
        do {
            defer { close(out) }
            try Self.writeAll(fd: out, bytes: Array(kept.utf8), path: temporary)
            fsync(out)
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw HistoryFileError(path: path, operation: "replace", errno: code)
        }
    }

    // MARK: POSIX helpers

    private static func readLines(fd: Int32, path: String) throws(HistoryFileError) -> [Substring] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw HistoryFileError(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true)
    }

    private static func writeAll(fd: Int32, bytes: [UInt8], path: String) throws(HistoryFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw HistoryFileError(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    /// `mkdir -p` of the directory holding `path`, with mode 0700 for the directories it creates.
    private static func makeParentDirectories(of path: String) throws(HistoryFileError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let directory = String(path[..<slash])
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw HistoryFileError(path: prefix, operation: "create directory", errno: errno)
            }
        }
    }
}

/// The history file could not be read or written; the shell keeps running without persistent history.
public struct HistoryFileError: UserFacingError {
    /// The file or directory involved.
    public let path: String
    /// What was attempted: `read`, `write`, `open`, `lock`, `create directory`, ...
    public let operation: String
    /// The system error code.
    public let code: Int32

    /// Describes a failed `operation` on `path` with the system error `errno`.
    public init(path: String, operation: String, errno code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var message: String {
        "cannot \(operation) history file '\(path)': \(String(cString: strerror(code)))"
    }
    public var hint: String? {
        "set UPSHELL_HISTORY_FILE to a writable path, or check the permissions of its directory"
    }
}
