import Foundation
@testable import UpshellShell

/// The notebook parser's promises, checked on any bytes: shared by the fuzz target (Fuzz/notebook) and the
/// replay of its corpus in the tests.
///
/// For bytes that parse: no outputs gives the file back byte for byte; new outputs read back as written,
/// keep every block's code, and writing them again changes nothing.
enum NotebookRoundTrip {
    /// A description of the first broken promise, or `nil`.
    static func problem(_ bytes: [UInt8]) -> String? {
        guard let doc = try? NotebookDocument(bytes: bytes) else { return nil }
        let original = String(decoding: bytes, as: UTF8.self)
        if doc.lines.joined() != original { return "the lines do not join to the file" }
        if doc.text(withOutputs: doc.cells.map { _ in nil }) != original { return "no new output changed the file" }
        // outputs made from the input: each block's code backwards, one empty, one with a fence in it
        let outputs: [String?] = doc.cells.indices.map { i in
            switch i % 3 {
            case 0: return doc.cells[i].code.reversed().joined(separator: "\n").replacingOccurrences(of: "\r", with: "") + "\n"
            case 1: return ""
            default: return "````\nx\n"
            }
        }
        let written = doc.text(withOutputs: outputs)
        guard let again = try? NotebookDocument(bytes: Array(written.utf8)) else { return "the written notebook does not parse" }
        if again.cells.map(\.code) != doc.cells.map(\.code) { return "the blocks' code changed" }
        for (cell, output) in zip(again.cells, outputs) where again.currentOutput(of: cell) != output {
            return "an output does not read back as written"
        }
        if again.text(withOutputs: outputs) != written { return "writing the same outputs again changed the file" }
        return nil
    }
}
