import Foundation

/// Finds and runs the built `upshell` executable for end-to-end tests.
enum UpshellBinary {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `upshell` binary beside the test bundle (`.build/<triple>/debug/upshell`), or `UPSHELL_BINARY`.
    static var path: String {
        if let env = ProcessInfo.processInfo.environment["UPSHELL_BINARY"] { return env }
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("upshell").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/upshell").path
    }

    /// A fixed, isolated environment: no colour, UTC, a private HOME and XDG folders.
    static func environment(home: URL) -> [String: String] {
        var env: [String: String] = [:]
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["HOME"] = home.path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        env["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        env["NO_COLOR"] = "1"
        env["TZ"] = "UTC"
        env["UPSHELL_DETERMINISTIC"] = "1"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["UPSHELL_DEMO"] = packageRoot.appendingPathComponent("Datasets/demo").path
        return env
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs upshell with `arguments` in `directory`, feeding `stdin`.
    static func run(_ arguments: [String], in directory: URL, stdin: Data = Data()) throws -> Result {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment(home: home)
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        inPipe.fileHandleForWriting.write(stdin)
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
    }
}
