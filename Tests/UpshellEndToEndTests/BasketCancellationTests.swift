import Foundation
import Testing

/// Ctrl-C (SIGINT) stops a long itemset search promptly in a script, reporting "cancelled".
@Suite struct BasketCancellationTests {
    @Test func interruptStopsAnExplodingSearch() throws {
        let folder = UpshellBinary.packageRoot.appendingPathComponent("Tests/UpshellEndToEndTests/Transcripts")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: UpshellBinary.path)
        // two baskets of 40 items: 2^40 itemsets; 'force' skips the estimate, so only Ctrl-C ends it
        process.arguments = ["--no-rc", "-c", "load bad/long_baskets.csv as long format=baskets brief; itemsets min-support=50% force"]
        process.currentDirectoryURL = folder
        process.environment = UpshellBinary.environment(home: home)
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the search should still be running")
        let sent = Date()
        process.interrupt()
        process.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(took < 2, "took \(took) s to stop")
        #expect(stderr.contains("cancelled"))
        #expect(process.terminationStatus == 1)
    }
}
