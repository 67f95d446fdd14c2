import UpshellCore

extension Arguments {
    /// The subcommand word (first positional) as a case of `Word`, whose raw values are the spec's
    /// `subcommands` (`distribution order-value|units`); `defaultValue` when no word is given.
    /// Errors are those of ``subcommand(default:)``.
    func subcommand<Word: CaseIterable & RawRepresentable>(_: Word.Type, default defaultValue: Word? = nil) throws -> Word
    where Word.RawValue == String {
        let word = try subcommand(default: defaultValue?.rawValue)
        guard let value = Word(rawValue: word) else {
            preconditionFailure("subcommand '\(word)' of '\(spec.name)' is not a case of \(Word.self)")
        }
        return value
    }
}
