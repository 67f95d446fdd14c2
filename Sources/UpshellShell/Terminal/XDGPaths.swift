import Foundation

/// XDG base directories (freedesktop.org Base Directory Specification): the one place that resolves
/// where upshell keeps its start-up file and its history.
///
/// ```swift
/// XDGPaths.config.appendingPathComponent("upshell/rc")        // ~/.config/upshell/rc by default
/// XDGPaths.directory(.state, lookup: { ["HOME": "/h"][$0] })  // "/h/.local/state"
/// ```
public enum XDGPaths {
    /// A base directory kind: its variable and its fallback under `$HOME`.
    public enum Base: Sendable {
        /// `$XDG_CONFIG_HOME`, else `~/.config`.
        case config
        /// `$XDG_STATE_HOME`, else `~/.local/state`.
        case state

        var variable: String { self == .config ? "XDG_CONFIG_HOME" : "XDG_STATE_HOME" }
        var fallback: String { self == .config ? ".config" : ".local/state" }
    }

    /// Reads the process environment.
    public static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// The directory of `base`: its variable when that is an absolute path (the spec ignores relative
    /// ones), else `$HOME/` + its fallback; `nil` when neither is set. `lookup` reads a variable.
    public static func directory(_ base: Base, lookup: (String) -> String? = environment) -> String? {
        if let value = lookup(base.variable), value.hasPrefix("/") { return value }
        if let home = lookup("HOME"), !home.isEmpty { return home + "/" + base.fallback }
        return nil
    }

    /// `$XDG_CONFIG_HOME` or `~/.config` (the account's home directory when `$HOME` is unset).
    public static var config: URL { url(.config) }
    /// `$XDG_STATE_HOME` or `~/.local/state` (the account's home directory when `$HOME` is unset).
    public static var state: URL { url(.state) }

    private static func url(_ base: Base) -> URL {
        URL(fileURLWithPath: directory(base) ?? NSHomeDirectory() + "/" + base.fallback)
    }
}
