// Fuzz target, differential: the production CSV reader at 1, 2, 3 and 4 chunks against the
// single-threaded reference reader of the tests (Tests/UpshellDataTests/ReferenceCSVReader.swift), with
// the dialect given to both (ReaderDifferential.fuzzCase: byte 0 delimiter and header, byte 1 encoding
// and decimal comma; the rest is the file). A disagreement stops the run (a crash for libFuzzer) and
// prints what differed; `swift test --filter DifferentialReaderTests` replays the corpus.
import Glibc
@testable import UpshellData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let c = ReaderDifferential.fuzzCase(Array(UnsafeBufferPointer(start: pointer, count: size)))
    if let problem = ReaderDifferential.disagreement(c, chunks: 1...4) {
        fputs("csvdiff: readers disagree: \(problem)\n  input: \(c)\n", stderr)
        abort()
    }
    return 0
}
