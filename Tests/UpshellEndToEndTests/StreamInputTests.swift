import Foundation
import Testing

/// Issue 15: a pipe or `<(…)` was "empty" (a stream has no size to map) and `load -` was "no file '-'".
/// Streams are read to their end; gzip on a stream is inflated. Counts by hand: two lines, two orders.
@Suite struct StreamInputTests {
    static let csv = "order_id,sku,quantity,unit_price\\n1,TEA,1,2.50\\n2,CAKE,2,3.00\\n"

    func run(_ shellCommand: String) throws -> (stdout: String, stderr: String, status: Int32) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", shellCommand, "bash", UpshellBinary.path]
        process.environment = UpshellBinary.environment(home: home)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        process.waitUntilExit()
        return (String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), process.terminationStatus)
    }

    @Test func standardInputPipesAndProcessSubstitutionLoad() throws {
        let commands = [
            "printf '\(Self.csv)' | \"$1\" --no-rc -c 'load - as s brief; aov'",
            "printf '\(Self.csv)' | gzip | \"$1\" --no-rc -c 'load - as s brief; aov'",
            "\"$1\" --no-rc -c 'load /dev/fd/3 as s brief; aov' 3< <(printf '\(Self.csv)')",
            "\"$1\" --no-rc <(printf '\(Self.csv)') -c 'aov'",
        ]
        for command in commands {
            let result = try run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stdout.contains("2 lines · 2 orders"), "\(command): \(result.stdout)")
            // revenue 1 × 2.50 + 2 × 3.00 = 8.50
            #expect(result.stdout.contains("revenue                   $8.50"), "\(command): \(result.stdout)")
        }
    }
}
