import Foundation
import UpshellData

/// Helpers shared by analytics tests: paths and small datasets written to temporary files.
enum TestData {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// A public dataset kept in the project, gzip-compressed: `Datasets/public/NAME.gz` (see its MANIFEST.md).
    static func publicDataset(_ name: String) -> String {
        packageRoot.appendingPathComponent("Datasets/public/\(name).gz").path
    }

    /// A reference output copied into the project: `Tests/References/PATH` (how each was computed: its README).
    static func reference(_ path: String) -> URL {
        packageRoot.appendingPathComponent("Tests/References/\(path)")
    }

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
