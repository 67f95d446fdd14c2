import Foundation
import UpshellData

/// Helpers shared by analytics tests: paths and small datasets written to temporary files.
enum TestData {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the package.
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// Loads CSV text as an order dataset.
    static func load(csv: String, name: String = "t") throws -> Dataset {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-test-\(UUID().uuidString).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var d = try DatasetLoader.load(path: url.path)
        d.name = name
        return d
    }
}
