import Foundation
import Testing
@testable import UpshellShell

/// The forms of the pricing commands (`sweep threshold|tiers|discount`, `threshold T|detect`,
/// `discount bundle|addon|first-order`): each is its own type whose options come from the shared
/// declarations, and the parent's help lists exactly the union of its forms' options.
@Suite struct PricingFormsTests {
    static let parents: [any CommandWithForms.Type] = [SweepCommand.self, ThresholdCommand.self, DiscountCommand.self]

    /// Every option of a form is one its parent's help lists, and every option the parent lists belongs to a form.
    @Test(arguments: [0, 1, 2])
    func parentListsTheUnionOfItsForms(_ index: Int) {
        let parent = Self.parents[index]
        let parentNames = parent.spec.options.map(\.name)
        #expect(Set(parentNames).count == parentNames.count, "\(parent.spec.name) lists an option twice")
        var formNames: Set<String> = []
        for form in parent.forms {
            let names = Set(form.spec.options.map(\.name))
            #expect(names.isSubset(of: Set(parentNames)), "\(form.spec.name): \(names.subtracting(parentNames).sorted())")
            formNames.formUnion(names)
        }
        #expect(formNames == Set(parentNames))
    }

    /// `help sweep` keeps the 37 options it listed before the forms were split (6 sweep-grid and tier-range
    /// options, 8 threshold, 11 tiers, 7 discount, 5 scope — counted from the spec at commit 634d52e), in that order.
    @Test func sweepHelpKeepsItsOptions() {
        let names = SweepCommand.spec.options.map(\.name)
        #expect(names.count == 37)
        #expect(Array(names.prefix(7)) == ["step", "middle", "top", "bottom", "tier", "range", "fee"])
        #expect(Array(names.suffix(5)) == ["data", "segment", "seed", "draws", "margin"])
    }

    /// Defaults are declared once and parsed from the text help shows.
    @Test func defaultsComeFromTheDeclarations() {
        #expect(PricingScope.draws.spec.defaultValue == "200" && PricingScope.draws.value == 200)
        #expect(PricingScope.margin.spec.defaultValue == "40%" && PricingScope.margin.value == 0.40)
        #expect(DiscountRequest.window.value == 30)   // "30d" in days
        #expect(TiersRequest.b0.value == 0.10)
    }

    /// An option of another form is rejected under the form's name, with the caret under it.
    @Test func optionOfAnotherFormIsRejected() {
        let console = BufferConsole()
        let failures = Interpreter(session: Session(console: console)).run("sweep threshold 30..90 middle=50..60")
        #expect(failures == 1)
        #expect(console.stderr.contains("option 'middle' does not apply to 'sweep threshold'"))
    }
}
