import UpshellCore

extension Arguments {
    /// The typed value of a declared option: the value given, else `nil`.
    /// Errors name the option, the text and the accepted form, with a caret under the value.
    public func value<V>(_ option: TypedOption<V>) throws -> V? {
        guard let token = options[option.spec.name] else { return nil }
        return try checked(option, token)
    }

    /// The typed value of a declared option with a default: the value given, else the default.
    public func value<V>(_ option: DefaultedOption<V>) throws -> V {
        guard let token = options[option.spec.name] else { return option.value }
        return try checked(option.option, token)
    }

    /// The text of a declared option as typed, else its default's text (for messages that quote it).
    public func text<V>(_ option: DefaultedOption<V>) -> String {
        options[option.spec.name]?.text ?? option.spec.defaultValue ?? ""
    }

    /// Whether a flag was given.
    public func flag(_ flag: FlagSpec) -> Bool { flags.contains(flag.name) }

    private func checked<V>(_ option: TypedOption<V>, _ token: Token) throws -> V {
        switch option.value(of: token) {
        case .success(let value): return value
        case .failure(let problem): throw error(problem.message, at: token, hint: problem.hint)
        }
    }

    /// Where each option, flag and positional stands in the command text, for errors found while running.
    public var places: ArgumentPlaces {
        ArgumentPlaces(source: command.source, options: options.mapValues(\.range),
                       positionals: positionals.map(\.range), end: command.source.count)
    }
}

/// Where the words of a command stand in its text: kept by a command after parsing so that an error found
/// while it runs (an unknown product, a column the data lacks) puts its caret under the word that caused it.
public struct ArgumentPlaces: Sendable, Equatable {
    /// The command's text.
    public let source: String
    /// The range of each option's value, by option name.
    public let options: [String: Range<Int>]
    /// The range of each positional, in order.
    public let positionals: [Range<Int>]
    /// The length of the text (a caret after the end, for what is missing).
    let end: Int

    /// An error whose caret stands under the value of option `name` (none when it was not given).
    public func error(_ message: String, option name: String?, hint: String? = nil) -> LanguageError {
        LanguageError(message, hint: hint, range: name.flatMap { options[$0] }, source: source)
    }

    /// An error whose caret stands under positional `index`.
    public func error(_ message: String, positional index: Int, hint: String? = nil) -> LanguageError {
        LanguageError(message, hint: hint, range: positionals.indices.contains(index) ? positionals[index] : nil, source: source)
    }
}
