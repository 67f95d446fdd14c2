import UpshellCore

/// A command whose first word selects a form (`abtest size`, `clv fit`, `segment rfm`): each form is a
/// command type of its own, with its own spec (the options it takes), registered under its parent here.
/// The parent's spec is what `help` shows and what the line is first checked against; the parent's `init`
/// picks the form and hands over through ``Arguments/form(_:shown:)``.
public protocol CommandWithForms: ShellCommand {
    /// The forms, each a command type whose spec names its options and flags.
    static var forms: [any ShellCommand.Type] { get }
    /// The form the line chose, parsed.
    var form: any ShellCommand { get }
}

extension CommandWithForms {
    /// The form chosen by `word`: the one named this command's name followed by the word (`clv` + `fit`).
    /// The word was checked against `spec.subcommands` (built from the forms), so a miss is a bug.
    static func form(named word: String) throws -> any ShellCommand.Type {
        let name = "\(spec.name) \(word)"
        guard let form = forms.first(where: { $0.spec.name == name }) else { throw InternalError("no form '\(name)'") }
        return form
    }
}

extension Arguments {
    /// Checks that every option and flag given belongs to `form` (the form's spec lists them), then parses
    /// the form. Errors name the option and the form as the analyst writes it (`shown`, e.g. `abtest size`).
    public func form<Form: ShellCommand>(_ form: Form.Type, shown: String) throws -> Form {
        try check(form: form.spec, shown: shown)
        return try form.init(arguments: self)
    }

    /// Checks that every option and flag given belongs to the form whose spec is `spec` (for parents that
    /// build the form themselves, e.g. with a `where` clause split off first).
    public func check(form spec: CommandSpec, shown: String) throws {
        let allowed = Set(spec.options.map(\.name))
        for (name, token) in options.sorted(by: { $0.value.range.lowerBound < $1.value.range.lowerBound }) where !allowed.contains(name) {
            throw LanguageError("option '\(name)' does not apply to '\(shown)'",
                                hint: "options of '\(shown)': " + allowed.sorted().joined(separator: ", "),
                                range: (token.range.lowerBound - name.count - 1)..<token.range.upperBound, source: command.source)
        }
        let flagNames = Set(spec.flags.map(\.name))
        for flag in flags.sorted() where !flagNames.contains(flag) {
            throw LanguageError("'\(flag)' does not apply to '\(shown)'",
                                hint: flagNames.isEmpty ? "'\(shown)' takes no flags" : "flags of '\(shown)': " + flagNames.sorted().joined(separator: ", "))
        }
    }
}
