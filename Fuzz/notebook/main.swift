// Fuzz target: the Markdown notebook parser (fences, output blocks, UTF-8 check), the writer of outputs
// (NotebookRoundTrip: unchanged when nothing is new, outputs read back as written, idempotent), and the
// unified diff of the first difference between the file and the rewritten one.
import UpshellCore
@testable import UpshellShell

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: pointer, count: size))
    if let problem = NotebookRoundTrip.problem(bytes) { fatalError("notebook round trip: \(problem)") }
    do {
        let doc = try NotebookDocument(bytes: bytes)
        let written = doc.text(withOutputs: doc.cells.map { $0.code.joined(separator: "\n") })
        _ = UnifiedDiff.firstHunk(old: doc.lines, new: NotebookDocument.splitLines(written), oldName: "a", newName: "b")
    } catch let e as any UserFacingError {
        _ = e.message + (e.hint ?? "")
    } catch {}
    return 0
}
