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

    /// The raw text of an option, or its default from the spec.
    public func text(_ name: String) -> String? {
        options[name]?.text ?? spec.option(named: name)?.defaultValue
    }

    private func typed<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
        guard let raw = text(name) else { return nil }
        guard let value = parse(raw) else {
            let kind = spec.option(named: name)?.kind ?? .text
            throw LanguageError("option '\(name)' got '\(raw)': expected \(kind.expectation)", range: options[name]?.range, source: command.source)
        }
        return value
    }

    public func number(_ name: String) throws -> Double? { try typed(name, ValueParser.number) }
    public func integer(_ name: String) throws -> Int? { try typed(name, ValueParser.integer) }
    /// A share as a fraction (`0.5%` → 0.005).
    public func share(_ name: String) throws -> Double? { try typed(name, ValueParser.share) }
    public func money(_ name: String) throws -> Double? { try typed(name, ValueParser.money) }
    public func range(_ name: String) throws -> NumberRange? { try typed(name, ValueParser.range) }
    /// Seconds since 1970-01-01 UTC.
    public func date(_ name: String) throws -> Int64? { try typed(name, ValueParser.date) }
    /// Days.
    public func duration(_ name: String) throws -> Double? { try typed(name, ValueParser.duration) }
    public func boolean(_ name: String) throws -> Bool? { try typed(name, ValueParser.boolean) }
    public func list(_ name: String) -> [String]? {
        if let token = options[name] { return token.listItems }
        return spec.option(named: name)?.defaultValue.map { Token($0).listItems }
    }
    public func choice(_ name: String) -> String? { text(name)?.lowercased() }

    /// A number within bounds, or an error naming the option and the accepted interval.
    public func number(_ name: String, in bounds: ClosedRange<Double>, describe: (Double) -> String = { "\($0)" }) throws -> Double? {
        guard let value = try number(name) else { return nil }
        try check(name, value, in: bounds, describe: describe)
        return value
    }

    /// A share within bounds (fractions), or an error naming the option and the accepted interval.
    public func share(_ name: String, in bounds: ClosedRange<Double>, open: Bool = false) throws -> Double? {
        guard let value = try share(name) else { return nil }
        let ok = open ? (value > bounds.lowerBound && value < bounds.upperBound) : bounds.contains(value)
        if !ok {
            let fmt: (Double) -> String = { v in "\(NumberFormat.plain(v * 100))%" }
            throw LanguageError("option '\(name)' got '\(text(name) ?? "")': expected a share \(open ? "strictly " : "")between \(fmt(bounds.lowerBound)) and \(fmt(bounds.upperBound))",
                                range: options[name]?.range, source: command.source)
        }
        return value
    }

    private func check(_ name: String, _ value: Double, in bounds: ClosedRange<Double>, describe: (Double) -> String) throws {
        guard !bounds.contains(value) else { return }
        throw LanguageError("option '\(name)' got '\(text(name) ?? "")': expected a value from \(describe(bounds.lowerBound)) to \(describe(bounds.upperBound))",
                            range: options[name]?.range, source: command.source)
    }
}
