// Fuzz target: the whole load path of a delimited file (sniffer, chunked parallel reader, role mapping,
// cleaning, order model) under random options. Knob bytes: delimiter, header, encoding, decimal comma,
// chunks and threads, kind and bad-values; then the file. Any thrown LoadError is fine; a crash is not.
import UpshellCore
@testable import UpshellData

let delimiters: [LoadOptions.Delimiter?] = [nil, .byte(44), .byte(59), .byte(9), .byte(124), .whitespace, .byte(32), .byte(58)]
let formats: [DateFormat?] = [nil, .iso, .compact, .monthDayYear, .dayMonthYear, .dayMonthYearDot]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, knobCount: 3)
    var o = LoadOptions()
    o.delimiter = delimiters[input.pick(0, delimiters.count)]
    o.header = [nil, true, false][input.pick(0, 24) / 8]
    o.encoding = [.auto, .utf8, .latin1][input.pick(1, 3)]
    o.decimalComma = [nil, true, false][input.pick(1, 9) / 3]
    o.chunks = 1 + input.pick(1, 36) / 9
    o.threads = 1 + input.pick(2, 2)
    o.kind = input.pick(2, 4) / 2 == 0 ? .orders : .table
    o.badValues = input.pick(2, 8) / 4 == 0 ? .error : .null
    o.dateFormat = formats[input.pick(2, 48) / 8]
    o.format = [.auto, .lines, .baskets][input.pick(0, 72) / 24]
    do {
        let d = try DatasetLoader.load(file: { FileBytes.memory(input.data) }, path: "fuzz.csv", options: o,
                                       progress: SilentProgress())
        _ = d.summary.notes.joined()
        for r in 0..<min(d.table.rowCount, 50) { _ = d.table.rowStrings(r) }
    } catch let e as any UserFacingError {
        _ = e.message + (e.hint ?? "")
    } catch {}
    return 0
}
