import Testing
import UpshellAnalytics
@testable import UpshellShell

/// `segment …` and `clv …` as parents whose forms are command types of their own: the parent's options are
/// the forms' declarations, each form parses its options once into typed fields, and an option of another
/// form is refused before anything runs.
@Suite struct SegmentAndLifetimeFormTests {
    func parse(_ text: String, _ spec: CommandSpec) throws -> Arguments {
        try Arguments(spec: spec, command: Lexer.commands(in: text)[0])
    }

    /// The parent's option list is what `help clv` and `help segment` showed before the forms were split
    /// (the literal lists of the old specs), and every form's options come from it.
    @Test func parentsListTheFormsOptionsInTheOrderHelpShowed() {
        #expect(CLVCommand.spec.options.map(\.name) == ["data", "calibration-end", "unit", "horizon", "discount", "top", "months"])
        #expect(SegmentCommand.spec.options.map(\.name) == ["data", "top", "active", "lapsed", "champion-orders", "ipt"])
        #expect(CLVCommand.spec.subcommands == ["history", "fit", "predict"])
        #expect(SegmentCommand.spec.subcommands == ["first-repeat", "value", "rfm", "lifecycle", "define"])
        for parent in [CLVCommand.self, SegmentCommand.self] as [any CommandWithForms.Type] {
            let names = Set(parent.spec.options.map(\.name))
            for form in parent.forms {
                #expect(Set(form.spec.options.map(\.name)).isSubset(of: names), "\(form.spec.name)")
                #expect(!form.spec.examples.isEmpty, "\(form.spec.name)")
            }
        }
    }

    /// Defaults come from the declarations' text: 52w = 364 days, 10% = 0.1, top 10, weeks (not given).
    @Test func predictParsesTypedValuesAndDefaults() throws {
        let given = try CLVPredictCommand(arguments: parse("clv predict horizon=26w discount=5% top=3 unit=days calibration-end=2026-02-28", CLVCommand.spec))
        #expect(given.horizon == 182)
        #expect(given.discount == 0.05)
        #expect(given.top == 3)
        #expect(given.calibration.requestedUnit == .days)
        #expect(given.calibration.end == 1_772_236_800)  // 2026-02-28T00:00:00Z: `date -u -d 2026-02-28 +%s`
        let defaults = try CLVPredictCommand(arguments: parse("clv predict", CLVCommand.spec))
        #expect(defaults.horizon == 364)
        #expect(defaults.discount == 0.1)
        #expect(defaults.top == 10)
        #expect(defaults.calibration.requestedUnit == nil)
        #expect(defaults.calibration.unit == .weeks)
        #expect(defaults.calibration.end == nil)
    }

    /// Lifecycle defaults are the spec's (1.5, 3, 4, measured IPT); given values replace them.
    @Test func lifecycleParsesItsParameters() throws {
        let p = try SegmentLifecycleCommand(arguments: parse("segment lifecycle lapsed=4 ipt=30", SegmentCommand.spec)).parameters
        #expect(p.active == 1.5 && p.lapsed == 4 && p.championOrders == 4 && p.interPurchaseDays == 30)
    }

    @Test(arguments: [
        ("segment rfm top=10%", "option 'top' does not apply to 'segment rfm'"),
        ("segment value active=2", "option 'active' does not apply to 'segment value'"),
        ("segment value top=100%", "top must be more than 0% and less than 100%"),
        ("segment define x country", "'segment define' needs a name, 'where' and an expression"),
        ("clv history months=0", "months must be from 1 to 120"),
        ("clv predict top=-1", "top must be 0 or more"),
        ("clv fit horizon=52w discount=5%", "option 'discount' does not apply to 'clv fit'"),
    ])
    func wrongOptionsAreRefusedBeforeRunning(_ command: String, _ message: String) throws {
        let type: any ShellCommand.Type = command.hasPrefix("clv") ? CLVCommand.self : SegmentCommand.self
        let arguments = try parse(command, type.spec)
        let error = #expect(throws: LanguageError.self) { try type.init(arguments: arguments) }
        #expect(error?.message == message)
    }
}
