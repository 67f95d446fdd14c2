import Foundation

/// Finds and loads the bundled demo store (`Datasets/demo/`).
public enum DemoStore {
    /// The demo folder: `$UPSHELL_DEMO`, else `Datasets/demo` found upwards from the executable, else
    /// from the working directory.
    public static func location() -> String? {
        if let env = ProcessInfo.processInfo.environment["UPSHELL_DEMO"], !env.isEmpty { return env }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: real).deletingLastPathComponent())
        }
        starts.append(exe.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Datasets/demo")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("orders.csv").path) { return candidate.path }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// Loads the demo store as `demo` (with its product and customer tables joined). Returns failures.
    static func load(into interpreter: Interpreter) -> Int {
        guard let folder = location() else {
            interpreter.session.console.err("note: the demo store was not found (Datasets/demo); starting with no data. Set UPSHELL_DEMO=FOLDER to point at it.\n")
            return 0
        }
        return interpreter.run("load " + Launcher.quoted(folder) + " as demo brief", at: SourceLocation(name: "demo store", line: 1))
    }
}
