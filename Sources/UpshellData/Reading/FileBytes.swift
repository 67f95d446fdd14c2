import Foundation
import Glibc
import UpshellCore

/// The bytes of a file held in memory: mapped read-only for plain files, inflated for `.gz`.
///
/// Access goes through ``withBytes(_:)``; pointers never outlive its closure. Unmapped on deinit.
final class FileBytes: @unchecked Sendable {
    private let mapped: UnsafeMutableRawPointer?
    private let mappedCount: Int
    private let owned: [UInt8]
    /// The encoding the bytes were converted from to UTF-8 (`UTF-16LE`…), when they were; for a note.
    private(set) var convertedFrom: String?

    /// Number of bytes.
    var count: Int { mapped != nil ? mappedCount : owned.count }

    /// Whether the bytes are a read-only file mapping, whose pages can be dropped after use (they are
    /// read back from the file if touched again).
    var isMapped: Bool { mapped != nil }

    private init(mapped: UnsafeMutableRawPointer?, count: Int, owned: [UInt8]) {
        self.mapped = mapped
        self.mappedCount = count
        self.owned = owned
    }

    deinit {
        if let mapped { munmap(mapped, mappedCount) }
    }

    /// Runs `body` over the bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let mapped {
            return try body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: mappedCount))
        }
        return try owned.withUnsafeBufferPointer(body)
    }

    /// Opens `path`: checks it exists and is a file, estimates the memory a load needs against
    /// `MemAvailable`, then maps it (or inflates it when it is gzip-compressed).
    ///
    /// The estimate is `memoryFactor` × the text size. The default, 1.1, is the measured peak resident memory
    /// of a load and `pairs` (parse buffers with the file's parsed pages dropped, finished columns, order
    /// model) of the 10 M-line, 697 MB bench file — about 615 MB, 0.88× — with a quarter more for files of
    /// other shapes (`bash Scripts/bench --sizes 10000000 --only load` prints both). Inflated `.gz` text is
    /// held in memory, so it counts once more.
    static func open(path: String, memoryFactor: Double = 1.1) throws -> FileBytes {
        try UTF16Text.converted(openRaw(path: path, memoryFactor: memoryFactor), path: path)
    }

    /// Bytes converted to UTF-8 from `encoding` (see ``UTF16Text``).
    static func converted(_ bytes: [UInt8], from encoding: String) -> FileBytes {
        let f = FileBytes(mapped: nil, count: 0, owned: bytes)
        f.convertedFrom = encoding
        return f
    }

    /// The file's bytes as they are: standard input for `-`, read to the end for pipes, `<(…)` and other
    /// streams (they have no size to map), mapped for plain files, inflated for `.gz`.
    static func openRaw(path: String, memoryFactor: Double) throws -> FileBytes {
        if path == "-" { return try stream(fd: STDIN_FILENO, path: "standard input") }
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { throw LoadError.missingFile(path: path, suggestion: closestSibling(of: path)) }
            throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw LoadError.isDirectory(path: path) }
        if (st.st_mode & S_IFMT) != S_IFREG {
            let fd = Glibc.open(path, O_RDONLY)
            guard fd >= 0 else { throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            return try stream(fd: fd, path: path)
        }
        let size = Int(st.st_size)
        if size == 0 { throw LoadError.emptyFile(path: path) }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var magic = [UInt8](repeating: 0, count: 2)
        let isGzip = pread(fd, &magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
        var needed = Int(Double(size) * memoryFactor)
        if isGzip {
            var trailer = [UInt8](repeating: 0, count: 4)
            if pread(fd, &trailer, 4, off_t(size - 4)) == 4 {
                let isize = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
                let text = max(isize, size * 3)
                needed = text + Int(Double(text) * memoryFactor)
            }
        }
        if let available = MemoryGuard.availableBytes(), needed > available {
            throw LoadError.tooBigForMemory(path: path, neededBytes: needed, availableBytes: available)
        }
        if isGzip {
            var compressed = [UInt8](repeating: 0, count: size)
            var done = 0
            while done < size {
                let r = compressed.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
                if r <= 0 { throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno))) }
                done += r
            }
            let inflated = try Gzip.inflate(compressed, path: path)
            if inflated.isEmpty { throw LoadError.emptyFile(path: path) }
            return FileBytes(mapped: nil, count: 0, owned: inflated)
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        madvise(p, size, MADV_SEQUENTIAL)
        return FileBytes(mapped: p, count: size, owned: [])
    }

    /// Reads a stream (a pipe, `<(…)`, standard input) to its end, in blocks, checking for Ctrl-C; inflated
    /// when it is gzip-compressed.
    static func stream(fd: Int32, path: String) throws -> FileBytes {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { try Cancellation.check(); continue }
                throw LoadError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: block[0..<n])
            try Cancellation.check()
        }
        if bytes.isEmpty { throw LoadError.emptyFile(path: path) }
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            let inflated = try Gzip.inflate(bytes, path: path)
            if inflated.isEmpty { throw LoadError.emptyFile(path: path) }
            return FileBytes(mapped: nil, count: 0, owned: inflated)
        }
        return FileBytes(mapped: nil, count: 0, owned: bytes)
    }

    /// Bytes for an in-memory buffer (tests, decompressed data).
    static func memory(_ bytes: [UInt8]) -> FileBytes { FileBytes(mapped: nil, count: 0, owned: bytes) }

    /// The system's memory page size in bytes.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Drops the resident pages of `range` of a mapped file (no effect on owned bytes): pages wholly inside
    /// it. A page touched again is read back from the file (the page cache), so this only lowers the
    /// process's resident memory.
    static func release(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard let base = buf.baseAddress, !range.isEmpty else { return }
        let page = pageSize
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// A file in the same directory whose name is close to the missing one.
    static func closestSibling(of path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        guard let best = Suggestions.closest(to: url.lastPathComponent, in: names, maxDistance: 3, limit: 1).first
        else { return nil }
        let prefix = path.contains("/") ? String(path[..<(path.lastIndex(of: "/")!)]) + "/" : ""
        return prefix + best
    }
}
