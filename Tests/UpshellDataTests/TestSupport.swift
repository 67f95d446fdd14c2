import Foundation
@testable import UpshellData

/// Helpers shared by the data tests.
enum TestSupport {
    /// A fixture file beside the tests.
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A public dataset kept in the project, gzip-compressed: `Datasets/public/NAME.gz` (see its MANIFEST.md).
    static func dataset(_ name: String) -> String {
        packageRoot.appendingPathComponent("Datasets/public/\(name).gz").path
    }

    /// The Bakery file, whose licence is unverified: it stays outside the project, in `../shared/datasets/`
    /// beside the package when that folder exists. Tests that need it are skipped (visibly) when it is absent.
    static let bakery = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/bakery.csv").path

    /// Whether the Bakery file is present (the condition of the tests that need it).
    static var hasBakery: Bool { FileManager.default.fileExists(atPath: bakery) }

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
