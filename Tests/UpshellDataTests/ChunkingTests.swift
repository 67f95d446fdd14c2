import Foundation
import Testing
import UpshellCore
@testable import UpshellData

/// SplitMix64: a small seeded generator so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ChunkingTests {
    /// A random CSV: a header, integer / decimal / date / text columns; text fields sometimes quoted
    /// with embedded commas, doubled quotes and newlines; LF or CRLF line ends; sometimes no final newline.
    static func randomCSV(seed: UInt64, rows: Int) -> String {
        var g = SplitMix(state: seed)
        let words = ["milk", "bread", "crème", "a,b", "say \"hi\"", "two\nlines", "x\r\ny", "", "  pad  ", "🍞"]
        var out = "id,price,day,name,note\n"
        for r in 0..<rows {
            let eol = Bool.random(using: &g) ? "\r\n" : "\n"
            func text() -> String {
                let w = words.randomElement(using: &g)!
                let needsQuotes = w.contains(",") || w.contains("\"") || w.contains("\n") || w.contains("\r")
                if needsQuotes || Int.random(in: 0..<4, using: &g) == 0 {
                    return "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return w.trimmingCharacters(in: .whitespaces)
            }
            let price = Double(Int.random(in: 0..<10_000, using: &g)) / 100
            out += "\(r),\(price),2020-0\(1 + r % 9)-1\(r % 10),\(text()),\(text())"
            if r < rows - 1 || Bool.random(using: &g) { out += eol }
        }
        return out
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func randomCSVsParseIdenticallyAtEveryChunkCount(seed: UInt64) throws {
        let text = ChunkingTests.randomCSV(seed: seed, rows: 300)
        let serial = try TestSupport.read(text) { $0.chunks = 1 }
        #expect(serial.table.rowCount == 300)
        let expected = TestSupport.rows(serial.table)
        for chunks in 2...64 {
            let parallel = try TestSupport.read(text) { $0.chunks = chunks; $0.threads = 2 }
            #expect(parallel.chunksUsed == chunks, "chunks \(chunks) fell back to serial")
            #expect(parallel.table.columns.map(\.type) == serial.table.columns.map(\.type), "chunks \(chunks)")
            #expect(TestSupport.rows(parallel.table) == expected, "chunks \(chunks)")
        }
    }

    /// Stray quotes (a `5" screen` inside an unquoted field) make quote parity useless: the reader
    /// must notice and parse serially, with the same result.
    @Test func strayQuotesFallBackToSerial() throws {
        var text = "id,name\n"
        for i in 0..<200 { text += i % 17 == 0 ? "\(i),5\" screen\n" : "\(i),\"tv, big\"\n" }
        let serial = try TestSupport.read(text) { $0.chunks = 1 }
        for chunks in [2, 3, 7, 16, 64] {
            let parallel = try TestSupport.read(text) { $0.chunks = chunks }
            #expect(TestSupport.rows(parallel.table) == TestSupport.rows(serial.table))
            #expect(parallel.chunksUsed == 1)
        }
        #expect(serial.table.rowStrings(0) == ["0", "5\" screen"])
    }

    @Test func chunkStartsLandOnRowStarts() throws {
        let text = "a,b\n1,\"x\ny\"\n2,z\n3,\"\"\"q\"\"\"\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            for count in 2...8 {
                let starts = CSVReader.chunkStarts(buf, from: 4, count: count)
                for s in starts.dropFirst().dropLast() {
                    #expect([4, 12, 16, bytes.count].contains(s), "count \(count) start \(s)")
                }
            }
        }
    }
}

@Suite struct MappedFileTests {
    /// A mapped file drops parsed pages; re-reading a column (decimal broken by text) must still see them.
    @Test func reparseAfterPagesWereReleased() throws {
        var text = "id,price,label\n"
        for i in 0..<40_000 { text += "\(i),\(Double(i % 100) / 4),\"item \(i % 50)\"\n" }
        text += "40000,call us,item 1\n"
        let path = TestSupport.temporaryFile(text)
        var o = LoadOptions()
        o.kind = .table
        o.chunks = 8
        let d = try DatasetLoader.load(path: path, options: o)
        #expect(d.table.columns.map(\.type) == [.integer, .text, .text])
        #expect(d.table.rowStrings(3) == ["3", "0.75", "item 3"])
        #expect(d.table.rowStrings(40_000) == ["40000", "call us", "item 1"])
        #expect(d.summary.notes.contains { $0.contains("line 40002") })
    }
}

/// Counts progress calls (thread-safe).
final class CountingProgress: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var updates: [(Int, Int)] = []
    private(set) var finished = 0
    func update(done: Int, total: Int) { lock.lock(); updates.append((done, total)); lock.unlock() }
    func finish() { lock.lock(); finished += 1; lock.unlock() }
}

@Suite struct ProgressTests {
    @Test func eachChunkReportsAndTheLoadFinishes() throws {
        var text = "order,product\n"
        for i in 0..<5000 { text += "\(i),p\(i % 13)\n" }
        let path = TestSupport.temporaryFile(text)
        let progress = CountingProgress()
        var o = LoadOptions()
        o.chunks = 4
        o.threads = 1
        _ = try DatasetLoader.load(path: path, options: o, progress: progress)
        #expect(progress.updates.count == 4)
        #expect(progress.updates.map(\.0).max() == progress.updates.first?.1)  // all bytes done
        #expect(progress.finished >= 1)
    }
}
