import UpshellCore

/// The words of one command, split into positionals, `name=value` options and flags, checked against
/// the command's ``CommandSpec``, with typed getters whose errors name the option, the value and the
/// accepted form.
public struct Arguments: Sendable {
    public let spec: CommandSpec
    public let command: CommandText
    /// Words that are neither options nor flags, in order (the command name excluded).
    public let positionals: [Token]
    /// Options by name (last one wins).
    public let options: [String: Token]
    /// Flags given.
    public let flags: Set<String>

    /// Splits and checks `command` (whose first token names the command) against `spec`.
    public init(spec: CommandSpec, command: CommandText) throws {
        self.spec = spec
        self.command = command
        var positionals: [Token] = []
        var options: [String: Token] = [:]
        var flags: Set<String> = []
        let words = Array(command.tokens.dropFirst())
        for (index, token) in words.enumerated() {
            if let free = spec.freeTextFrom, positionals.count >= free {
                positionals.append(contentsOf: words[index...])
                break
            }
            if let (key, value) = token.keyValue {
                guard let option = spec.option(named: key) else {
                    let known = spec.options.map(\.name)
                    var hint = Suggestions.didYouMean(key, in: known)
                    if hint == nil {
                        hint = known.isEmpty ? "'\(spec.name)' takes no options" : "options of '\(spec.name)': " + known.joined(separator: ", ")
                    }
                    throw LanguageError("unknown option '\(key)' for '\(spec.name)'", hint: hint,
                                        range: token.range.lowerBound..<(token.range.lowerBound + key.count), source: command.source)
                }
                let text = value.text
                if !option.kind.accepts(text) {
                    throw LanguageError("option '\(key)' got '\(text)': expected \(option.kind.expectation)",
                                        hint: option.help.isEmpty ? nil : "\(key): \(option.help)",
                                        range: value.range.isEmpty ? token.range : value.range, source: command.source)
                }
                options[key] = value
            } else if !token.wasQuoted, let flag = Arguments.flagName(token.text, spec) {
                flags.insert(flag)
            } else {
                positionals.append(token)
            }
        }
        self.positionals = positionals
        self.options = options
        self.flags = flags
    }

    /// The flag a bare word names: its name, case-insensitively, also written `--name`.
    static func flagName(_ word: String, _ spec: CommandSpec) -> String? {
        var w = word.lowercased()
        if w.hasPrefix("--") { w.removeFirst(2) }
        return spec.flags.contains { $0.name == w } ? w : nil
    }

    // MARK: Positionals

    /// The positional at `index` (0-based, after the command name), or a clear error naming it.
    public func positional(_ index: Int, _ name: String) throws -> Token {
        guard index < positionals.count else {
            throw LanguageError("'\(spec.name)' needs \(name)", hint: "usage: " + spec.usage.joined(separator: "\n       "),
                                range: command.source.count..<(command.source.count + 1), source: command.source)
        }
        return positionals[index]
    }

    /// Fails when more than `count` positionals were given.
    public func expectPositionals(atMost count: Int) throws {
        guard positionals.count > count else { return }
        let extra = positionals[count]
        throw LanguageError("unexpected '\(extra.text)' after '\(spec.name)'",
                            hint: "usage: " + spec.usage.joined(separator: "\n       "), range: extra.range, source: command.source)
    }

    /// The subcommand word (first positional), checked against `spec.subcommands`.
    public func subcommand(default defaultValue: String? = nil) throws -> String {
        guard let first = positionals.first else {
            if let defaultValue { return defaultValue }
            throw LanguageError("'\(spec.name)' needs one of: \(spec.subcommands.joined(separator: ", "))",
                                hint: "example: \(spec.examples.first ?? spec.name)")
        }
        let word = first.text.lowercased()
        guard spec.subcommands.contains(word) else {
            if let defaultValue { _ = defaultValue; return defaultValue }
            throw LanguageError("'\(spec.name)' has no form '\(first.text)'",
                                hint: Suggestions.didYouMean(word, in: spec.subcommands) ?? "forms: \(spec.subcommands.joined(separator: ", "))",
                                range: first.range, source: command.source)
        }
        return word
    }

    /// An error pointing at a given token.
    public func error(_ message: String, at token: Token?, hint: String? = nil) -> LanguageError {
        LanguageError(message, hint: hint, range: token?.range, source: command.source)
    }

    // MARK: Options

    /// Whether the option was given.
    public func has(_ name: String) -> Bool { options[name] != nil }
}
