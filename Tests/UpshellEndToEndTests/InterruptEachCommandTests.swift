import Foundation
import Testing

/// Issue 15: Ctrl-C in a real terminal stops each long command class — load, clv fit, pairs with a huge
/// top, bundles, itemset mining, rules with force, tiers with many prices, sweep — and gives the prompt
/// back promptly, with the loaded datasets and the earlier result cells intact.
///
/// Data are generated here, deterministically (a fixed linear congruential stream), sized so that each
/// command runs for well over a second in a debug build (timed on this 2-core machine, debug: load of
/// 300,000 lines ≈ 5 s, clv fit on 60,000 random orders ≈ 4 s (it does not converge), pairs top=4000000
/// over 3.2 M pairs ≈ 110 s, bundles over 1.3 M candidates ≈ 8 s, tiers with 400 prices ≈ 21 s, sweep
/// threshold with 161 points × 2,000 draws ≈ 57 s, itemsets/rules on two 40-item baskets: never ends).
///
/// The bound: the release target is 200 ms from Ctrl-C to prompt. Debug code runs 10–30× slower than
/// release in these loops, and the time measured here also holds tmux's own delay (spawning `send-keys`
/// and polling `capture-pane`, ≈ 20–50 ms on a busy machine), so a debug build is held to 1 s — the
/// gap between two checks in the slowest loop (one tiers ladder evaluation of O(tiers²)) stays far below
/// it. `Scripts/bench_interrupt.sh` measures the release figures.
@Suite("Ctrl-C in each long command", .serialized, .timeLimit(.minutes(3)))
struct InterruptEachCommandTests {
    static let bound = 1.0

    /// One long command: its text and a word its screen shows while it runs is not needed; the prompt is.
    struct LongCommand {
        let commandClass: String
        let text: String
    }

    @Test func ctrlCGivesThePromptBackAndKeepsTheSession() throws {
        let shell = try TerminalDriver()
        defer { shell.kill() }
        try Self.writeData(in: shell.scratch)
        try shell.start()
        #expect(shell.waitFor(text: "'demo' loaded", timeout: 20), "screen: \(shell.screen())")
        try run(shell, "aov")
        try run(shell, "set prices = " + (0..<400).map { String(10 + $0) }.joined(separator: ","))

        var slow: [String] = [], figures: [String] = []
        func interrupt(_ c: LongCommand) throws {
            let (tookSeconds, ranLong) = try interruptAfterOneSecond(shell, c.text)
            guard ranLong else { slow.append(c.commandClass); return }
            figures.append("\(c.commandClass) \(Int((tookSeconds * 1000).rounded())) ms")
            #expect(tookSeconds < Self.bound, "\(c.commandClass): prompt back after \(tookSeconds) s; screen: \(shell.screen())")
            #expect(shell.screen().contains { $0.contains("cancelled") }, "\(c.commandClass): screen: \(shell.screen())")
        }
        try interrupt(LongCommand(commandClass: "load", text: "load big.csv as big"))
        try run(shell, "load shop.csv as shop brief", timeout: 30)
        try interrupt(LongCommand(commandClass: "clv fit", text: "clv fit"))
        try run(shell, "load wide.csv as wide format=baskets brief", timeout: 30)
        try interrupt(LongCommand(commandClass: "pairs top=4000000", text: "pairs top=4000000 min-orders=1"))
        try run(shell, "load dense.csv as dense format=baskets brief", timeout: 30)
        try interrupt(LongCommand(commandClass: "bundles", text: "bundles min-orders=2 min-lift=0"))
        try run(shell, "load long.csv as long format=baskets brief", timeout: 30)
        try interrupt(LongCommand(commandClass: "itemsets (mining)", text: "itemsets min-support=50% force"))
        try interrupt(LongCommand(commandClass: "rules force", text: "rules min-support=50% min-confidence=0% force"))
        try run(shell, "use demo")
        try interrupt(LongCommand(commandClass: "tiers with 400 prices", text: "tiers $prices"))
        try interrupt(LongCommand(commandClass: "sweep", text: "sweep threshold 20..100 step=0.5 draws=2000"))
        print("Ctrl-C to prompt: " + figures.joined(separator: ", "))
        #expect(slow.isEmpty, "these finished within a second, so their Ctrl-C was not tested: \(slow)")

        // the session is intact: every dataset loaded before (and none half-loaded), the first result cell
        try run(shell, "datasets")
        let listed = shell.screen()
        for name in ["demo", "shop", "wide", "dense", "long"] {
            #expect(listed.contains { $0.hasPrefix(name + " ") }, "dataset '\(name)' missing: \(listed)")
        }
        #expect(!listed.contains { $0.hasPrefix("big ") }, "the interrupted load left 'big': \(listed)")
        try run(shell, "cells")
        #expect(shell.screen().contains { $0.hasPrefix("[2]") && $0.contains("aov") }, "cell [2] missing: \(shell.screen())")
    }

    /// Whether the last non-blank row is a ready prompt.
    static func promptIsLast(_ rows: [String]) -> Bool { rows.last?.hasSuffix("upshell>") ?? false }

    /// Runs `text` and waits for the next prompt.
    func run(_ shell: TerminalDriver, _ text: String, timeout: Double = 10) throws {
        try shell.type(text)
        try shell.send(keys: "Enter")
        usleep(100_000)
        #expect(shell.waitFor(timeout: timeout, Self.promptIsLast), "'\(text)' did not finish; screen: \(shell.screen())")
    }

    /// Starts `text`, sends Ctrl-C after a second, and returns the seconds until the prompt is back and
    /// whether the command was still running when Ctrl-C was sent.
    func interruptAfterOneSecond(_ shell: TerminalDriver, _ text: String) throws -> (Double, Bool) {
        try shell.type(text)
        try shell.send(keys: "Enter")
        usleep(1_000_000)
        if Self.promptIsLast(shell.screen()) { return (0, false) }
        let sent = Date()
        try shell.send(keys: "C-c")
        var back = false
        while Date().timeIntervalSince(sent) < 10 {
            if Self.promptIsLast(shell.screen()) { back = true; break }
            usleep(10_000)
        }
        let took = Date().timeIntervalSince(sent)
        #expect(back, "'\(text)': no prompt 10 s after Ctrl-C; screen: \(shell.screen())")
        return (took, true)
    }

    /// The generated files, in the shell's working directory.
    static func writeData(in folder: URL) throws {
        var random = Stream(state: 15)
        func write(_ name: String, _ lines: Int, header: String?, _ line: (inout Stream, Int) -> String) throws {
            var text = header.map { $0 + "\n" } ?? ""
            text.reserveCapacity(lines * 48)
            for i in 0..<lines { text += line(&random, i) + "\n" }
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        func orderLine(_ r: inout Stream, _ i: Int) -> String {
            let day = r.next(700)
            return "\(i),C\(r.next(200_000)),\(2024 + day / 365)-\(String(format: "%02d", (day % 365) / 31 + 1))-\(String(format: "%02d", day % 28 + 1)) 10:00:00,S\(r.next(500)),1,\(5 + r.next(195)).00"
        }
        let header = "order_id,customer_id,created_at,sku,quantity,unit_price"
        try write("big.csv", 300_000, header: header, orderLine)
        try write("shop.csv", 60_000, header: header, orderLine)
        // 30,000 baskets of 20 of 3,000 products: 3.2 M distinct pairs
        try write("wide.csv", 30_000, header: nil) { r, _ in r.distinct(20, of: 3_000).map { "p\($0)" }.joined(separator: ",") }
        // 20,000 baskets of 15 of 200 products: 1.3 M pairs and triples in two orders or more
        try write("dense.csv", 20_000, header: nil) { r, _ in r.distinct(15, of: 200).map { "p\($0)" }.joined(separator: ",") }
        // two baskets of 40 items: 2^40 itemsets at 50% support (as Transcripts/bad/long_baskets.csv)
        try write("long.csv", 4, header: nil) { _, i in
            i < 2 ? (0..<40).map { "item\($0)" }.joined(separator: ",") : "item0,item1"
        }
    }

    /// A linear congruential stream (Knuth's MMIX constants): the same files on every machine.
    struct Stream {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        /// `k` distinct values below `n`.
        mutating func distinct(_ k: Int, of n: Int) -> [Int] {
            var seen = Set<Int>()
            var out: [Int] = []
            while out.count < k {
                let v = next(n)
                if seen.insert(v).inserted { out.append(v) }
            }
            return out
        }
    }
}
