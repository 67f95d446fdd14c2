// Fuzz target: the filter-expression parser (`where …`, `filter …`), then checking and evaluating the
// parsed expression over a small table with text, integer, decimal and timestamp columns.
import UpshellCore
@testable import UpshellData

let table: Table = {
    let text = "order,customer,country,price,quantity,time\n"
        + "1,17850,France,2.55,6,2011-01-01 08:26\n2,,Germany,3.39,-1,2011-02-03\n3,13047,\"United Kingdom\",,2,2011-12-09 12:50\n"
    return try! DatasetLoader.load(text: text, name: "fuzz", options: { var o = LoadOptions(); o.kind = .table; return o }()).table
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: pointer, count: size), as: UTF8.self)
    do {
        let f = try FilterExpression(source)
        _ = f.referencedColumns
        try f.validate(against: table)
        _ = try f.selectedRows(over: table)
    } catch let e as any UserFacingError {
        _ = e.message + (e.hint ?? "")
    } catch {}
    return 0
}
