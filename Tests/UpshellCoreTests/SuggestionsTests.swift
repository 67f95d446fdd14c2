import Testing
@testable import UpshellCore

@Suite struct SuggestionsTests {
    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        // Hand-computed: kitten → sitting is the textbook 3.
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("paris", "pairs") == 2)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("Crème", "creme") == 1)
    }

    @Test func didYouMeanOffersTheClosestNames() {
        #expect(Suggestions.didYouMean("paris", in: ["pairs", "rules", "orders"]) == "did you mean 'pairs'?")
        #expect(Suggestions.didYouMean("zzzzzz", in: ["pairs", "rules"]) == nil)
    }
}

@Suite struct CivilDateTests {
    @Test func roundTripsAndKnownDays() {
        // 2011-12-09 is day 15317 since 1970-01-01 (date -d 2011-12-09 +%s / 86400).
        #expect(CivilDate.daysSinceEpoch(year: 2011, month: 12, day: 9) == 15317)
        #expect(CivilDate.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.daysSinceEpoch(year: 2011, month: 2, day: 30) == nil)
        #expect(CivilDate.daysSinceEpoch(year: 2012, month: 2, day: 29) != nil)
        #expect(CivilDate.daysSinceEpoch(year: 1900, month: 2, day: 29) == nil)
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            let (y, m, d) = CivilDate.date(fromDays: days)
            #expect(CivilDate.daysSinceEpoch(year: y, month: m, day: d) == days)
        }
        // 1970-01-01 was a Thursday (ISO weekday index 3).
        #expect(CivilDate.weekday(fromDays: 0) == 3)
        #expect(CivilDate.format(seconds: 1_323_388_800 + 3_661, withTime: true) == "2011-12-09 01:01:01")
    }
}

/// Cancellation's request, memory of an interrupt and reset are process-wide: setting them here would cancel
/// whatever other suite runs at that moment in this test process (it did: a CLV test failed "cancelled").
/// They are checked through the binary instead, in another process: `BasketCancellationTests` (Ctrl-C stops the
/// search, the script's next command never runs, exit 130) and `anInterruptBetweenCommandsIsNotSwallowed`.
@Suite struct CancellationTests {
    @Test func checkDoesNotThrowWithoutARequest() throws {
        try Cancellation.check()
        #expect(!Cancellation.isRequested)
    }
}
