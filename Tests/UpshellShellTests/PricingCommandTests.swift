import Foundation
import Testing
@testable import UpshellShell

/// Pricing commands through the interpreter on the demo store: seeded reproducibility, units, help.
@Suite struct PricingCommandTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/demo").path

    func run(_ commands: String) -> (BufferConsole, Int) {
        let console = BufferConsole()
        let session = Session(console: console)
        let failures = Interpreter(session: session).run("load \"\(Self.demo)\" as demo brief; " + commands)
        return (console, failures)
    }

    /// Output without the load line (which carries a timing).
    func body(_ console: BufferConsole) -> String {
        console.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("loaded:") }.joined(separator: "\n")
    }

    /// The same seed gives the same bootstrap band; another seed a different one.
    @Test func bootstrapIsSeededAndReproducible() {
        let a = body(run("threshold 60 seed=5 draws=50").0)
        let b = body(run("threshold 60 seed=5 draws=50").0)
        let c = body(run("threshold 60 seed=6 draws=50").0)
        #expect(a == b)
        #expect(a != c)
        #expect(a.contains("90% customer bootstrap (50 draws, seed 5)"))
    }

    /// Results carry units: money in currency, shares in %, counts in orders.
    @Test func resultsCarryUnits() {
        let out = run("threshold 55 draws=20").0.stdout
        #expect(out.contains("currency"))
        #expect(out.contains("orders"))
        #expect(out.contains("$"))
        #expect(out.contains("%"))
    }

    /// Every pricing command has help, examples and a pricing group entry.
    @Test func pricingCommandsAreRegisteredWithExamples() {
        for name in ["threshold", "sweep", "tiers", "discount", "upsell-step"] {
            let command = CommandRegistry.command(named: name)
            #expect(command != nil, "\(name) is registered")
            #expect(!(command?.spec.examples.isEmpty ?? true))
            #expect(command?.spec.group == .pricing)
        }
    }

    /// A flat-fee proposal (no threshold) and thresholds outside the data's range run without error.
    @Test func edgeCasesDoNotFail() {
        #expect(run("threshold 1 draws=5; threshold 100000 draws=5; threshold 50 fee=0 draws=5").1 == 0)
    }

    /// Each example of the pricing commands runs without error on the demo store.
    @Test func pricingExamplesRunOnTheDemoStore() {
        let examples = ["threshold 60 draws=20", "threshold detect draws=10", "tiers 29 79 199", "discount first-order 15%",
                        "discount addon \"Paper filters\" 20% elasticity=3 draws=20", "upsell-step category=Audio",
                        "sweep threshold 40..60 step=10 draws=20", "sweep tiers 29 79 199 middle=59..99 step=20",
                        "sweep discount addon \"Paper filters\" 0..30% step=10% draws=20"]
        for e in examples {
            let (console, failures) = run(e)
            #expect(failures == 0, "\(e): \(console.stderr)")
        }
    }
}
