import Foundation

/// What memory a large step may use: the smaller of the kernel's `MemAvailable` and the room left under
/// the process's cgroup limit (`memory.max − memory.current`), so a step that would exhaust it is refused
/// with an estimate instead of the shell being killed. `UPSHELL_MEMORY_LIMIT` (bytes, or with a K, M or G
/// suffix) lowers it further: a cap for a shared machine, and how tests exercise the guard.
public enum MemoryGuard {
    /// Share of the available memory one step may plan to use (the rest is headroom for the session).
    public static let usableShare = 0.8

    /// Bytes available now, `nil` when the system does not say.
    public static func availableBytes() -> Int? {
        var available: Int?
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let parts = line.split(separator: " ")
                if parts.count >= 2, let kb = Int(parts[1]) { available = kb * 1024 }
            }
        }
        func number(_ path: String) -> Int? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        if let limit = number("/sys/fs/cgroup/memory.max"), let used = number("/sys/fs/cgroup/memory.current") {
            let room = max(0, limit - used)
            available = min(available ?? room, room)
        }
        if let cap = ProcessInfo.processInfo.environment["UPSHELL_MEMORY_LIMIT"].flatMap(parseBytes) {
            available = min(available ?? cap, cap)
        }
        return available
    }

    /// `500M`, `2G`, `1048576` → bytes; `nil` for anything else.
    public static func parseBytes(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = t.last, let unit = units[last], let n = Double(t.dropLast()), n >= 0 { return Int(n * Double(unit)) }
        return Int(t).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// How many things of `bytesEach` fit in ``usableShare`` of the available memory; `nil` when unknown.
    public static func capacity(bytesEach: Int) -> Int? {
        availableBytes().map { Int(Double($0) * usableShare) / max(1, bytesEach) }
    }

    /// `1.2 GB`, `340 MB`: a byte count for messages.
    public static func describe(_ bytes: Double) -> String {
        if bytes >= 1e9 { return String(format: "%.1f GB", bytes / 1e9) }
        return String(format: "%.0f MB", max(1, bytes / 1e6))
    }
}
