import Foundation
import Testing
import UpshellCore
@testable import UpshellData

/// The parallel chunked CSV reader against the single-threaded ``ReferenceCSVReader`` (issue 15 item 3):
/// same rows, same values, same errors at the same line, at 1–4 forced chunks. The inputs are the `csvdiff`
/// fuzz target's seed corpus (Fuzz/csvdiff/corpus, which also holds every input a fuzz run found a
/// disagreement on) and a few thousand seeded random byte soups built from the tokens that matter to a CSV
/// reader. The reference is the independent method; `ReaderDifferential` says what "agree" means.
@Suite struct DifferentialReaderTests {
    /// The committed inputs of a fuzz target (`Fuzz/TARGET/corpus`), by file name.
    static func corpus(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = TestSupport.packageRoot.appendingPathComponent("Fuzz/\(target)/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    @Test func theReadersAgreeOnEveryCorpusInput() throws {
        let inputs = try DifferentialReaderTests.corpus("csvdiff")
        #expect(inputs.count >= 15, "the seed corpus is missing")  // 15 seeds were committed with the target
        for input in inputs {
            let c = ReaderDifferential.fuzzCase(input.bytes)
            #expect(ReaderDifferential.disagreement(c, chunks: 1...4) == nil, "\(input.name)")
        }
    }

    /// Pieces that exercise quoting, line ends, blanks, delimiters, numbers, dates and encodings.
    static let tokens: [[UInt8]] = [
        ",", ";", "\t", "|", " ", "  ", "\"", "\"\"", "\n", "\r\n", "\r", "\n\n", "a", "id", "tea", "12", "-3.5", "2,5",
        "007", "1e3", "$1.20", "2024-01-05", "05/01/2024", "20240230", "2024-01-05 10:00", "crème", "🍞",
    ].map { Array($0.utf8) } + [[0xFF], [0xE9], [0xEF, 0xBB, 0xBF]]

    /// A random input of up to 80 tokens, with random dialect choices in its first two bytes.
    static func randomInput(_ g: inout SplitMix) -> [UInt8] {
        var bytes: [UInt8] = [UInt8.random(in: 0...255, using: &g), UInt8.random(in: 0...255, using: &g)]
        for _ in 0..<Int.random(in: 0...80, using: &g) { bytes += tokens.randomElement(using: &g)! }
        return bytes
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func theReadersAgreeOnSeededRandomInputs(seed: UInt64) {
        var g = SplitMix(state: seed)
        var tables = 0, failures = 0
        for k in 0..<1500 {
            let c = ReaderDifferential.fuzzCase(DifferentialReaderTests.randomInput(&g))
            if case .table = ReaderDifferential.expectation(c) { tables += 1 }
            if let d = ReaderDifferential.disagreement(c, chunks: 1...4) {
                failures += 1
                if failures <= 3 { Issue.record("input \(k) of seed \(seed): \(d)\n\(c)") }
            }
        }
        #expect(failures == 0)
        #expect(tables > 100, "too few inputs read as tables (\(tables)): the generator tests only errors")
    }

    /// Found by the csvdiff fuzz target: whitespace-separated, a blank after a closing quote is the
    /// separator, not padding before stray text (the `5` was dropped and the row called ragged).
    @Test func whitespaceSeparatedQuotedFieldIsFollowedByTheNextField() throws {
        let r = try TestSupport.read("city n\n\"New York\" 5\n\"Paris\"\t7\n") { $0.whitespaceSeparated = true; $0.header = true }
        #expect(TestSupport.rows(r.table) == [["New York", "5"], ["Paris", "7"]])
    }

    /// Found by the seeded random inputs: with a space as the delimiter (not whitespace-separated), a space
    /// is never padding — it was trimmed away after a closing quote, and the next field read as stray text.
    @Test func aSpaceDelimiterIsNotTrimmedAsPadding() throws {
        let r = try TestSupport.read("a b c\n\"x y\" 2 3\n4  6\n") { $0.delimiter = 32; $0.header = true }
        #expect(TestSupport.rows(r.table) == [["x y", "2", "3"], ["4", "", "6"]])
    }

    /// The reference itself, on inputs whose reading RFC 4180 fixes.
    @Test func theReferenceReadsRFC4180() {
        let r = ReferenceCSVReader()
        let rows = r.read(Array("a,\"b,\"\"c\"\"\"\r\n\n x , \"y\nz\" \n".utf8))
        #expect(rows == .rows([.init(fields: [Array("a".utf8), Array("b,\"c\"".utf8)], line: 1),
                               .init(fields: [Array("x".utf8), Array("y\nz".utf8)], line: 3)]))
        #expect(r.read(Array("a\n\"open\nb".utf8)) == .unterminatedQuote(line: 2))
        #expect(r.read(Array("a,b,".utf8)) == .rows([.init(fields: [[97], [98], []], line: 1)]))
    }
}

/// Every committed fuzz input (seeds and the inputs that once crashed a target, Fuzz/*/corpus) runs
/// through its target's entry point: the regular tests keep each fixed crash fixed.
@Suite struct FuzzCorpusReplayTests {
    @Test func delimitedFilesLoadOrFailWithAnError() throws {
        let inputs = try DifferentialReaderTests.corpus("csv")
        #expect(inputs.count >= 15, "the seed corpus is missing")
        for input in inputs {
            for kind in [LoadOptions.Kind.orders, .table] {
                var o = LoadOptions()
                o.kind = kind
                o.chunks = 3
                do {
                    _ = try DatasetLoader.load(file: { FileBytes.memory(Array(input.bytes.dropFirst(3))) }, path: input.name,
                                               options: o, progress: SilentProgress())
                } catch let e as LoadError {
                    #expect(!e.message.isEmpty, "\(input.name)")
                } catch {}
            }
        }
    }

    @Test func basketFilesLoadOrFailWithAnError() throws {
        let inputs = try DifferentialReaderTests.corpus("baskets")
        #expect(inputs.count >= 3, "the seed corpus is missing")
        for input in inputs {
            let r = try? BasketReader.read(FileBytes.memory(Array(input.bytes.dropFirst(2))), path: input.name,
                                           delimiter: nil, encoding: .auto)
            #expect(r == nil || r!.table.columns.count == 2, "\(input.name)")
        }
    }

    @Test func filterExpressionsParseOrFailWithAnError() throws {
        let inputs = try DifferentialReaderTests.corpus("filter")
        #expect(inputs.count >= 7, "the seed corpus is missing")
        for input in inputs {
            do { _ = try FilterExpression(String(decoding: input.bytes, as: UTF8.self)) } catch { #expect(!error.message.isEmpty) }
        }
    }
}
