import UpshellCore
import UpshellData

/// What is wrong with an option's value, in the analyst's words; the caret goes under the value.
public struct OptionProblem: Sendable, Error {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// One `name=value` option of a command, declared once: its name, kind, default text, the values it
/// accepts and its help build the command's ``CommandSpec`` (usage, help page, completion) and turn the
/// text the analyst typed into a typed value.
///
/// ```swift
/// static let top = TypedOption.count("top", default: "20", "how many pairs to show")   // DefaultedOption<Int>
/// static let lift = TypedOption.number("min-lift", "lowest lift")                       // TypedOption<Double>
/// init(arguments: Arguments) throws { top = try arguments.value(Self.top); lift = try arguments.value(Self.lift) }
/// ```
public struct TypedOption<Value: Sendable>: Sendable {
    /// Name, kind, default text and help: what `help`, usage and completion show.
    public let spec: OptionSpec
    /// Turns the value's token into a value (`nil`: not of this kind). A token, not its text, so that
    /// quoting survives (`columns="a,b",c` is two items, not three).
    let parseToken: @Sendable (Token) -> Value?
    /// Checks a parsed value; the raw text is given for messages.
    let check: @Sendable (Value, String) -> OptionProblem?
    /// What the message says is expected when the text does not parse (default: the kind's expectation).
    let expectation: String

    /// An option whose value's token is parsed by `parseToken` and checked by `check` (nil: accepted);
    /// `expecting` words the message for text that does not parse (default: the kind's expectation).
    public init(_ spec: OptionSpec, expecting: String? = nil, parseToken: @escaping @Sendable (Token) -> Value?,
                check: @escaping @Sendable (Value, String) -> OptionProblem? = { _, _ in nil }) {
        self.spec = spec
        self.parseToken = parseToken
        self.check = check
        self.expectation = expecting ?? spec.kind.expectation
    }

    /// An option whose text (quotes removed) is parsed by `parse` and checked by `check` (nil: accepted).
    public init(_ spec: OptionSpec, expecting: String? = nil, parse: @escaping @Sendable (String) -> Value?,
                check: @escaping @Sendable (Value, String) -> OptionProblem? = { _, _ in nil }) {
        self.init(spec, expecting: expecting, parseToken: { parse($0.text) }, check: check)
    }

    /// The same option with a default: `spec.defaultValue` is parsed once here (as an unquoted word), so
    /// help shows the text and commands get the value. A default that does not parse or pass the check is
    /// a programming error.
    public func defaulting(to text: String) -> DefaultedOption<Value> {
        var spec = self.spec
        spec.defaultValue = text
        guard let value = parseToken(Token(text)), check(value, text) == nil else {
            preconditionFailure("default '\(text)' of option '\(spec.name)' is not valid")
        }
        return DefaultedOption(option: TypedOption(spec, expecting: expectation, parseToken: parseToken, check: check), value: value)
    }

    /// The same option with an extra check after the ones it has.
    public func checked(_ extra: @escaping @Sendable (Value, String) -> OptionProblem?) -> TypedOption {
        let first = check
        return TypedOption(spec, expecting: expectation, parseToken: parseToken, check: { value, raw in first(value, raw) ?? extra(value, raw) })
    }

    /// The value of `token`, or the problem with it.
    func value(of token: Token) -> Result<Value, OptionProblem> {
        let text = token.text
        guard let value = parseToken(token) else {
            return .failure(OptionProblem("option '\(spec.name)' got '\(text)': expected \(expectation)"))
        }
        if let problem = check(value, text) { return .failure(problem) }
        return .success(value)
    }

    /// The value of `text` typed as one unquoted word, or the problem with it.
    func value(of text: String) -> Result<Value, OptionProblem> { value(of: Token(text)) }
}

/// A ``TypedOption`` with a default: reading it always gives a value.
public struct DefaultedOption<Value: Sendable>: Sendable {
    public let option: TypedOption<Value>
    /// The default, parsed from `option.spec.defaultValue`.
    public let value: Value
    public var spec: OptionSpec { option.spec }
}

// MARK: - Declarations by kind

extension TypedOption where Value == Int {
    /// A whole number of at least `minimum` (`top=10`).
    public static func count(_ name: String, atLeast minimum: Int = 1, _ help: String) -> TypedOption<Int> {
        TypedOption(OptionSpec(name, .integer, help), parse: ValueParser.integer) { v, _ in
            v >= minimum ? nil : OptionProblem("\(name) must be \(minimum) or more, not '\(v)'")
        }
    }
    public static func count(_ name: String, default text: String, atLeast minimum: Int = 1, _ help: String) -> DefaultedOption<Int> {
        count(name, atLeast: minimum, help).defaulting(to: text)
    }
    /// A whole number within `bounds`.
    public static func integer(_ name: String, in bounds: ClosedRange<Int>? = nil, _ help: String) -> TypedOption<Int> {
        TypedOption(OptionSpec(name, .integer, help), parse: ValueParser.integer) { v, raw in
            guard let bounds, !bounds.contains(v) else { return nil }
            return OptionProblem("option '\(name)' got '\(raw)': expected a value from \(LoadSummary.grouped(bounds.lowerBound)) to \(LoadSummary.grouped(bounds.upperBound))")
        }
    }
    public static func integer(_ name: String, default text: String, in bounds: ClosedRange<Int>? = nil, _ help: String) -> DefaultedOption<Int> {
        integer(name, in: bounds, help).defaulting(to: text)
    }
}

extension TypedOption where Value == Double {
    /// A number, optionally within `bounds` (`min-lift=1.5`).
    public static func number(_ name: String, in bounds: ClosedRange<Double>? = nil, _ help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .number, help), parse: ValueParser.number) { v, raw in
            guard let bounds, !bounds.contains(v) else { return nil }
            return OptionProblem("option '\(name)' got '\(raw)': expected a value from \(bounds.lowerBound) to \(bounds.upperBound)")
        }
    }
    public static func number(_ name: String, default text: String, in bounds: ClosedRange<Double>? = nil, _ help: String) -> DefaultedOption<Double> {
        number(name, in: bounds, help).defaulting(to: text)
    }
    /// A share as a fraction (`0.5%` → 0.005), within `bounds` (strictly inside when `open`).
    public static func share(_ name: String, in bounds: ClosedRange<Double>? = nil, open: Bool = false, _ help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .share, help), parse: ValueParser.share) { v, raw in
            guard let bounds else { return nil }
            let ok = open ? (v > bounds.lowerBound && v < bounds.upperBound) : bounds.contains(v)
            guard !ok else { return nil }
            let fmt: (Double) -> String = { "\(NumberFormat.plain($0 * 100))%" }
            return OptionProblem("option '\(name)' got '\(raw)': expected a share \(open ? "strictly " : "")between \(fmt(bounds.lowerBound)) and \(fmt(bounds.upperBound))")
        }
    }
    public static func share(_ name: String, default text: String, in bounds: ClosedRange<Double>? = nil, open: Bool = false, _ help: String) -> DefaultedOption<Double> {
        share(name, in: bounds, open: open, help).defaulting(to: text)
    }
    /// An amount of money (`$50`, `49.95`), at least `minimum` when given.
    public static func money(_ name: String, atLeast minimum: Double? = nil, _ help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .money, help), parse: ValueParser.money) { v, raw in
            guard let minimum, v < minimum else { return nil }
            return OptionProblem("option '\(name)' got '\(raw)': expected an amount of at least \(NumberFormat.plain(minimum))")
        }
    }
    public static func money(_ name: String, default text: String, atLeast minimum: Double? = nil, _ help: String) -> DefaultedOption<Double> {
        money(name, atLeast: minimum, help).defaulting(to: text)
    }
    /// A span of time in days (`52w`, `30d`).
    public static func duration(_ name: String, _ help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .duration, help), parse: ValueParser.duration)
    }
    public static func duration(_ name: String, default text: String, _ help: String) -> DefaultedOption<Double> {
        duration(name, help).defaulting(to: text)
    }
}

extension TypedOption where Value == String {
    /// Text of the given kind (`.text`, `.product`, `.column`, `.dataset`, `.path`), as typed.
    public static func text(_ name: String, _ kind: ValueKind, _ help: String) -> TypedOption<String> {
        TypedOption(OptionSpec(name, kind, help), parse: { $0 })
    }
    /// Any text, as typed.
    public static func text(_ name: String, _ help: String) -> TypedOption<String> { text(name, .text, help) }
    public static func text(_ name: String, _ kind: ValueKind = .text, default text: String, _ help: String) -> DefaultedOption<String> {
        TypedOption.text(name, kind, help).defaulting(to: text)
    }
}

extension TypedOption where Value == Int64 {
    /// A date or date-time, as seconds since 1970-01-01 UTC.
    public static func date(_ name: String, _ help: String) -> TypedOption<Int64> {
        TypedOption(OptionSpec(name, .date, help), parse: ValueParser.date)
    }
}

extension TypedOption where Value == Bool {
    /// `on`/`off`.
    public static func boolean(_ name: String, _ help: String) -> TypedOption<Bool> {
        TypedOption(OptionSpec(name, .boolean, help), parse: ValueParser.boolean)
    }
    public static func boolean(_ name: String, default text: String, _ help: String) -> DefaultedOption<Bool> {
        boolean(name, help).defaulting(to: text)
    }
}

extension TypedOption where Value == NumberRange {
    /// `A..B`.
    public static func range(_ name: String, _ help: String) -> TypedOption<NumberRange> {
        TypedOption(OptionSpec(name, .range, help), parse: ValueParser.range)
    }
}

extension TypedOption where Value == [String] {
    /// Comma-separated values (`a,b,"c, d"`): split at the commas that were not quoted.
    public static func list(_ name: String, _ help: String) -> TypedOption<[String]> {
        TypedOption(OptionSpec(name, .list, help), parseToken: { $0.listItems })
    }
    public static func list(_ name: String, default text: String, _ help: String) -> DefaultedOption<[String]> {
        list(name, help).defaulting(to: text)
    }
}

extension TypedOption {
    /// One of the cases of `Value`, by raw value, case-insensitively (`sort=lift`).
    public static func choice(_ name: String, _ help: String) -> TypedOption<Value>
    where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
        TypedOption(OptionSpec(name, .choice(Value.allCases.map(\.rawValue)), help), parse: { Value(rawValue: $0.lowercased()) })
    }
    public static func choice(_ name: String, default text: String, _ help: String) -> DefaultedOption<Value>
    where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
        choice(name, help).defaulting(to: text)
    }
}
