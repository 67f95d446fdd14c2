import UpshellCore
import UpshellData

/// `set name = value`: defines a script variable, expanded later as `$name`.
public struct SetCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "set", group: .shell,
        abstract: "define a variable, used later as $name (set seed = N fixes random draws)",
        synopsis: ["set NAME = VALUE", "set NAME=VALUE"],
        discussion: "A variable expands to one word wherever $name or ${name} appears outside single quotes. Values with spaces stay one word. 'set seed = 7' sets the seed of bootstraps and simulations; 'set currency = GBP' shows money in that currency (an ISO code or a symbol; otherwise each dataset's own, from load … currency= or a currency column, else $); 'set bad-values = null' makes later loads read unreadable cells among numbers or dates as nulls (load … bad-values= for one file); 'set maxrows = N' shows N rows of a table before '… N more rows' (0 = all) and 'set maxwidth = N' cuts longer table cells with …; '-D name=value' on the command line sets variables before a script runs.",
        examples: ["set threshold = 50", "set product = \"Crème brûlée torch\"", "pairs for=$product"],
        freeTextFrom: 0)

    let name: String
    let value: String

    public init(arguments: Arguments) throws {
        let tokens = arguments.positionals
        guard let first = tokens.first else {
            throw arguments.error("'set' needs a name and a value", at: nil, hint: "example: set threshold = 50")
        }
        var name = first.text
        var valueTokens = Array(tokens.dropFirst())
        if let (key, value) = first.keyValue {
            name = key
            valueTokens = value.segments.isEmpty || value.text.isEmpty ? valueTokens : [value] + valueTokens
        } else if valueTokens.first?.text == "=" && valueTokens.first?.wasQuoted == false {
            valueTokens.removeFirst()
        }
        if name == "bad-values" { name = LoadCommand.badValuesVariable }
        guard let head = name.first, head.isLetter || head == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw arguments.error("'\(name)' is not a variable name", at: first, hint: "names start with a letter and hold letters, digits and _")
        }
        guard !valueTokens.isEmpty else {
            throw arguments.error("'set \(name)' needs a value", at: first, hint: "example: set \(name) = 50 (unset \(name) removes it)")
        }
        if name == "seed", valueTokens.count != 1 || UInt64(valueTokens[0].text) == nil {
            throw arguments.error("seed must be a whole number from 0 to 18446744073709551615", at: valueTokens.first)
        }
        if name == "currency", valueTokens.count != 1 || !CurrencySymbol.isValid(valueTokens[0].text) {
            throw arguments.error("currency must be an ISO code such as GBP or a symbol such as €", at: valueTokens.first, hint: "example: set currency = EUR")
        }
        if let (low, high) = Self.displaySettings[name], valueTokens.count != 1 || Int(valueTokens[0].text).map({ $0 < low || $0 > high }) ?? true {
            throw arguments.error("\(name) must be a whole number from \(low) to \(high)", at: valueTokens.first,
                                  hint: name == "maxrows" ? "set maxrows = 100 (0 shows every row)" : "set maxwidth = 40 cuts longer table cells with …")
        }
        if name == LoadCommand.badValuesVariable, valueTokens.count != 1 || BadValues(rawValue: valueTokens[0].text.lowercased()) == nil {
            throw arguments.error("bad-values must be error or null", at: valueTokens.first, hint: "example: set bad-values = null")
        }
        self.name = name
        self.value = valueTokens.map(\.text).joined(separator: " ")
    }

    public func run(in session: Session) throws -> CommandOutput {
        // a notebook's `set` gives a default; `upshell run … -D name=value` wins (papermill's parameters)
        if session.parameters.contains(name) {
            return CommandOutput([.note("\(name) = \(session.variables[name] ?? "") from -D (this notebook's default is \(value))")])
        }
        session.variables[name] = value
        // display settings (psql's \pset, DuckDB's .maxrows/.maxwidth)
        if name == "maxrows" { session.renderSettings.maxRows = Int(value) ?? session.renderSettings.maxRows }
        if name == "maxwidth" { session.renderSettings.maxWidth = Int(value) ?? session.renderSettings.maxWidth }
        return .empty
    }

    /// Variables that change how tables print, with their allowed ranges: `maxrows` (rows before "… N more
    /// rows", 0 = all) and `maxwidth` (characters before a cell is cut with `…`).
    static let displaySettings: [String: (Int, Int)] = ["maxrows": (0, 100_000_000), "maxwidth": (4, 100_000)]
}

/// `unset name`: removes a variable.
public struct UnsetCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "unset", group: .shell, abstract: "remove a variable",
        positionals: [PositionalSpec("name", .text, repeats: true, "variables to remove")],
        examples: ["unset threshold"])
    /// The variables to remove, without a leading `$`.
    let names: [String]
    let places: ArgumentPlaces
    public init(arguments: Arguments) throws {
        let words = try [arguments.positional(0, "a variable name")] + arguments.positionals.dropFirst()
        names = words.map { $0.text.hasPrefix("$") ? String($0.text.dropFirst()) : $0.text }
        places = arguments.places
    }
    public func run(in session: Session) throws -> CommandOutput {
        for (word, name) in names.enumerated() {
            guard session.variables.removeValue(forKey: name) != nil else {
                throw places.error("no variable '\(name)'", positional: word,
                                   hint: Suggestions.didYouMean(name, in: session.variables.keys) ?? "'vars' lists the variables")
            }
        }
        return .empty
    }
}

/// `vars`: lists variables and their values.
public struct VarsCommand: ShellCommand {
    public static let spec = CommandSpec(name: "vars", group: .shell, abstract: "list variables and their values", examples: ["vars"])
    public init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 0) }
    public func run(in session: Session) throws -> CommandOutput {
        var table = ResultTable(title: "Variables", columns: [ResultColumn("name"), ResultColumn("value")])
        for name in session.variables.keys.sorted() { table.append([.text(name), .text(session.variables[name]!)]) }
        return .table(table)
    }
}
