#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files safely: into a temporary file beside the target, flushed to disk, then renamed over
/// it, so a full disk, a crash or Ctrl-C never leaves a half-written file and the old file stays intact
/// until the new one is complete.
///
/// - An existing file is replaced only when `overwrite` is set (``SafeFileError/exists(path:)`` otherwise).
/// - The replaced file's permission bits are kept (a 0600 export stays 0600); a new file gets 0666
///   less the umask, as `open(2)` would give it.
/// - A symbolic link is written through: its target is replaced and the link stays a link (the
///   result's `through` names the target).
/// - Errors are ``SafeFileError`` with plain messages (no `NSCocoaErrorDomain` codes).
public enum SafeFile {
    /// What a write did.
    public struct Written: Sendable, Equatable {
        /// The file that holds the bytes now (the link's target when `path` was a symbolic link).
        public var file: String
        /// Whether `path` was a symbolic link written through.
        public var throughLink: Bool
        /// Whether a file was replaced.
        public var replaced: Bool
    }

    /// Writes `bytes` to `path` (see the type's documentation).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(SafeFileError) -> Written {
        guard !path.isEmpty else { throw .cannotWrite(path: path, reason: "the path is empty") }
        var target = path
        var throughLink = false
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw .cannotWrite(path: path, reason: "it is a symbolic link to a file that cannot be reached")
            }
            target = String(cString: resolved)
            free(resolved)
            throughLink = true
        }
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            if (existing.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
            guard overwrite else { throw .exists(path: path) }
            guard (existing.st_mode & S_IFMT) == S_IFREG else {
                throw .cannotWrite(path: path, reason: "it is not a regular file (a device, pipe or socket)")
            }
        }
        let mode: mode_t = exists ? existing.st_mode & 0o7777 : defaultMode()
        let folder = directory(of: target)
        let name = String(target.split(separator: "/").last ?? Substring(target))
        var template = Array((folder + "/." + name + ".upshell-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw error(errno, path: path, folder: folder) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do throws(SafeFileError) {
            try writeAll(bytes, fd: fd, path: path, folder: folder)
            guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw error(errno, path: path, folder: folder) }
            closed = true
            guard close(fd) == 0 else { throw error(errno, path: path, folder: folder) }
            guard rename(temporary, target) == 0 else { throw error(errno, path: path, folder: folder) }
        } catch {
            unlink(temporary)
            throw error
        }
        return Written(file: target, throughLink: throughLink, replaced: exists)
    }

    static func writeAll(_ bytes: [UInt8], fd: Int32, path: String, folder: String) throws(SafeFileError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in Glibc.write(fd, buf.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, path: path, folder: folder)
            }
            offset += n
        }
    }

    /// 0666 less the process's umask (read without changing it for other threads for long).
    static func defaultMode() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func error(_ code: Int32, path: String, folder: String) -> SafeFileError {
        switch code {
        case ENOENT, ENOTDIR: return .noFolder(path: path, folder: folder)
        case EACCES, EPERM: return .permission(path: path, folder: folder)
        case ENOSPC, EDQUOT: return .full(path: path)
        case EFBIG: return .cannotWrite(path: path, reason: "the file would exceed the size limit")
        case EROFS: return .cannotWrite(path: path, reason: "the file system is read-only")
        default: return .cannotWrite(path: path, reason: String(cString: strerror(code)))
        }
    }
}

/// Why a file could not be written; the old file, if any, is unchanged.
public enum SafeFileError: UserFacingError, Equatable {
    /// The file exists and overwriting was not asked for.
    case exists(path: String)
    /// The path names a folder.
    case isDirectory(path: String)
    /// The folder does not exist.
    case noFolder(path: String, folder: String)
    /// No permission to write in the folder or the file.
    case permission(path: String, folder: String)
    /// The disk (or quota) is full.
    case full(path: String)
    /// Anything else, with the system's reason.
    case cannotWrite(path: String, reason: String)

    public var message: String {
        switch self {
        case .exists(let path): return "'\(path)' already exists"
        case .isDirectory(let path): return "cannot write '\(path)': it is a folder"
        case .noFolder(let path, let folder): return "cannot write '\(path)': there is no folder '\(folder)'"
        case .permission(let path, let folder): return "cannot write '\(path)': no permission to write there (folder '\(folder)')"
        case .full(let path): return "cannot write '\(path)': the disk is full; the old file, if any, is unchanged"
        case .cannotWrite(let path, let reason): return "cannot write '\(path)': \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .exists: return "add --force to replace it, or choose another name"
        case .isDirectory: return "name a file inside it"
        case .noFolder: return "create the folder first, or write elsewhere"
        case .permission: return "check the permissions, or write elsewhere"
        case .full: return "free some space, or write to another disk"
        case .cannotWrite: return nil
        }
    }
}
