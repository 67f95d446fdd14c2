import Dispatch
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import UpshellShell

/// A fresh directory under /tmp for one test.
private func temporaryDirectory() -> String {
    var template = Array("/tmp/upshell-history-test-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    #expect(made != nil)
    return String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
}

private func fileLines(_ path: String) -> [String] {
    guard let file = fopen(path, "r") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    #expect(bytes.last == UInt8(ascii: "\n"), "the file ends with a complete line")
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast().map(String.init)
}

@Suite("History file")
struct TerminalHistoryFileTests {
    @Test("multi-line entries and backslashes survive encoding on one line")
    func encodingRoundTrip() {
        let samples = [
            "plain", "load orders.csv \\\nwhere country = 'FR'", "a\\nb (a literal backslash-n)", "ends with \\",
            "\\\\", "Crème brûlée", "two\nnew\nlines", "carriage\r\nreturn", "",
        ]
        for sample in samples {
            let encoded = HistoryFile.encode(sample)
            #expect(!encoded.contains("\n") && !encoded.contains("\r"))
            #expect(HistoryFile.decode(encoded) == sample)
        }
        // Hand-written expectations of the format.
        #expect(HistoryFile.encode("a \\\nb") == "a \\\\\\nb")
        #expect(HistoryFile.decode("x\\ty") == "x\\ty", "unknown escapes are kept as written")
    }

    @Test("the path comes from UPSHELL_HISTORY_FILE, then XDG_STATE_HOME, then HOME")
    func defaultPath() {
        let env1 = ["UPSHELL_HISTORY_FILE": "/x/h", "XDG_STATE_HOME": "/s", "HOME": "/home/a"]
        #expect(HistoryFile.defaultPath(lookup: { env1[$0] }) == "/x/h")
        let env2 = ["XDG_STATE_HOME": "/s", "HOME": "/home/a"]
        #expect(HistoryFile.defaultPath(lookup: { env2[$0] }) == "/s/upshell/history")
        let env3 = ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]
        #expect(HistoryFile.defaultPath(lookup: { env3[$0] }) == "/home/a/.local/state/upshell/history")
        let env4: [String: String] = [:]
        #expect(HistoryFile.defaultPath(lookup: { env4[$0] }) == nil)
    }

    @Test("appends create directories, skip blanks and immediate repeats, and load back in order")
    func appendAndLoad() throws {
        let path = temporaryDirectory() + "/state/upshell/history"
        let history = HistoryFile(path: path, capacity: 100)
        #expect(try history.load() == [])
        #expect(try history.append("help"))
        #expect(try !history.append("help"))
        #expect(try !history.append("   "))
        #expect(try history.append("set x = 1 \\\nand more"))
        #expect(try history.append("help"))
        #expect(fileLines(path) == ["help", "set x = 1 \\\\\\nand more", "help"])
        let reopened = HistoryFile(path: path, capacity: 100)
        #expect(try reopened.load() == ["help", "set x = 1 \\\nand more", "help"])
        #expect(try !reopened.append("help"), "the last loaded entry counts as the previous one")
    }

    @Test("the file is trimmed to the last N entries once it passes 2 × N")
    func capacity() throws {
        let path = temporaryDirectory() + "/history"
        let history = HistoryFile(path: path, capacity: 10)
        for index in 1...20 { try history.append("command \(index)") }
        #expect(fileLines(path).count == 20, "2 × N lines are allowed")
        try history.append("command 21")
        #expect(fileLines(path) == (12...21).map { "command \($0)" })
        #expect(try HistoryFile(path: path, capacity: 5).load() == (17...21).map { "command \($0)" })
    }

    @Test("two writers appending at once never tear or lose a line", arguments: [100_000, 20])
    func concurrentAppends(capacity: Int) throws {
        let path = temporaryDirectory() + "/history"
        let perWriter = 400
        // A long entry makes a torn write visible; each line names its writer and sequence number.
        let padding = String(repeating: "é", count: 300)
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            let history = HistoryFile(path: path, capacity: capacity)
            for index in 0..<perWriter {
                _ = try? history.append("w\(writer) \(index) \(padding)\nsecond line")
            }
        }
        let lines = fileLines(path)
        var seen: [Int: [Int]] = [0: [], 1: []]
        for line in lines {
            let entry = HistoryFile.decode(line)
            let parts = entry.split(separator: " ")
            #expect(parts.count == 4 && entry.hasSuffix(padding + "\nsecond line"), "intact: \(line.prefix(40))")
            guard parts.count == 4, let writer = Int(parts[0].dropFirst()), let index = Int(parts[1]) else { continue }
            seen[writer, default: []].append(index)
        }
        if capacity >= 2 * perWriter {
            #expect(lines.count == 2 * perWriter, "no line lost")
            #expect(seen[0] == Array(0..<perWriter) && seen[1] == Array(0..<perWriter))
        } else {
            // Every append adds a line and a file past 2 × N drops to N, whoever writes: replaying that
            // rule gives the exact final count, which a lost append (one written to a file another
            // writer had just replaced) would change.
            var expected = 0
            for _ in 0..<(2 * perWriter) {
                expected += 1
                if expected > 2 * capacity { expected = capacity }
            }
            #expect(lines.count == expected)
            // Appends are serialised by the lock, so the file is a suffix of the one global sequence:
            // each writer's surviving entries are a gap-free run ending with its last entry.
            for writer in 0..<2 {
                let indices = seen[writer] ?? []
                if let first = indices.first { #expect(indices == Array(first..<perWriter), "writer \(writer)") }
            }
        }
    }

    @Test("a writer waiting for the lock while another shell replaces the file appends to the new file")
    func appendAfterReplacement() throws {
        let directory = temporaryDirectory()
        let path = directory + "/history"
        let history = HistoryFile(path: path, capacity: 100)
        try history.append("first")
        // Play the other shell: hold the lock, so the append below opens the file and then waits.
        let holder = open(path, O_RDWR)
        #expect(holder >= 0 && flock(holder, LOCK_EX) == 0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? HistoryFile(path: path, capacity: 100).append("late")
            finished.signal()
        }
        usleep(300_000)
        // The other shell trims: it renames a fresh copy over the history, then releases the lock.
        let replacement = directory + "/replacement"
        let copy = fopen(replacement, "w")
        fputs("trimmed\n", copy)
        fclose(copy)
        #expect(rename(replacement, path) == 0)
        flock(holder, LOCK_UN)
        close(holder)
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(fileLines(path) == ["trimmed", "late"])
    }
}
