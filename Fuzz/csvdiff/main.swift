// Fuzz target, differential: the production CSV reader at 1, 2, 3 and 4 chunks against the
// single-threaded reference reader of the tests (Tests/UpshellDataTests/ReferenceCSVReader.swift), with
// the dialect given to both. Knob bytes: delimiter, header, encoding, decimal comma; then the file.
// A disagreement stops the run (a crash for libFuzzer) and prints what differed.
import Glibc
@testable import UpshellData

let delimiters: [UInt8?] = [44, 59, 9, 124, nil, 32]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, knobCount: 2)
    let c = ReaderDifferential.Case(bytes: input.data, delimiter: delimiters[input.pick(0, delimiters.count)],
                                    header: input.pick(0, 12) / 6 == 0,
                                    encoding: [.auto, .utf8, .latin1][input.pick(1, 3)],
                                    decimalComma: input.pick(1, 6) / 3 == 1)
    for chunks in 1...4 {
        if let problem = ReaderDifferential.disagreement(c, chunks: chunks) {
            fputs("csvdiff: readers disagree: \(problem)\n  input: \(c)\n", stderr)
            abort()
        }
    }
    return 0
}
