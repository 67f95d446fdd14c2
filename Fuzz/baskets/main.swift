// Fuzz target: the basket reader (format=baskets) and the basket detector. Knob bytes: delimiter,
// encoding; then the file.
import UpshellCore
@testable import UpshellData

let delimiters: [UInt8?] = [nil, 44, 59, 9, 124, 32]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, knobCount: 2)
    let file = FileBytes.memory(input.data)
    _ = BasketReader.looksLikeBaskets(file)
    do {
        let r = try BasketReader.read(file, path: "fuzz.txt", delimiter: delimiters[input.pick(0, delimiters.count)],
                                      encoding: [.auto, .utf8, .latin1][input.pick(1, 3)])
        for k in 0..<min(r.table.rowCount, 50) { _ = r.table.rowStrings(k) }
    } catch let e as any UserFacingError {
        _ = e.message + (e.hint ?? "")
    } catch {}
    return 0
}
