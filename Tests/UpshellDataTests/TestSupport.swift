import Foundation
@testable import UpshellData

/// Helpers shared by the data tests.
enum TestSupport {
    /// A fixture file beside the tests.
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    /// A public dataset under `../shared/datasets/`, resolved from the package root.
    static func dataset(_ name: String) -> String {
        let here = URL(fileURLWithPath: #filePath)  // …/Tests/UpshellDataTests/TestSupport.swift
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/datasets/\(name)").path
    }

    /// Writes `text` (or bytes) to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") -> String {
        let path = NSTemporaryDirectory() + "upshell-test-\(UUID().uuidString)\(suffix)"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func temporaryFile(_ text: String, suffix: String = ".csv") -> String {
        temporaryFile(Array(text.utf8), suffix: suffix)
    }

    /// Reads text as a table with the CSV reader.
    static func read(_ text: String, _ configure: (inout CSVReadOptions) -> Void = { _ in }) throws -> CSVReadResult {
        try read(bytes: Array(text.utf8), configure)
    }

    static func read(bytes: [UInt8], _ configure: (inout CSVReadOptions) -> Void = { _ in }) throws -> CSVReadResult {
        var o = CSVReadOptions()
        configure(&o)
        return try CSVReader.read(FileBytes.memory(bytes), path: "test.csv", options: o)
    }

    /// All rows as display strings.
    static func rows(_ t: Table) -> [[String]] { (0..<t.rowCount).map { t.rowStrings($0) } }
}
