import Foundation
import UpshellCore
import UpshellData

/// `datasets`: what is loaded, sizes and memory.
public struct DatasetsCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "datasets", aliases: ["ls"], group: .data, abstract: "list loaded datasets with their sizes and memory",
        examples: ["datasets"])
    public init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 0) }
    public func run(in session: Session) throws -> CommandOutput {
        var table = ResultTable(title: "Datasets", columns: [
            ResultColumn("name"), ResultColumn("kind"), ResultColumn("lines", .integer), ResultColumn("orders", .integer),
            ResultColumn("customers", .integer), ResultColumn("products", .integer), ResultColumn("memory", .integer), ResultColumn("source")])
        for d in session.datasets.all {
            let current = d.name == session.datasets.currentName ? " *" : ""
            table.append([.text(d.name + current), .text(d.kind == .table ? "table" : (d.table.isView ? "view" : "orders")),
                          .int(d.summary.lines), .int(d.summary.orders), .int(d.summary.customers), .int(d.summary.products),
                          .int(d.memoryBytes), .text(d.sourcePath)])
        }
        var out = CommandOutput([.table(table)])
        let offerMemory = session.datasets.names.map { ($0, session.offerModels.memoryBytes(of: $0)) }.filter { $0.1 > 0 }
        if !offerMemory.isEmpty {
            out.append(.note("offer models (recommend): " + offerMemory.map { "'\($0.0)' \(LoadSummary.grouped($0.1)) bytes" }.joined(separator: ", ")))
        }
        if !session.deterministic, let rss = ProcessMemory.residentBytes() {
            let peak = ProcessMemory.peakResidentBytes().map { " (peak \(NumberFormat.grouped(Double($0) / 1_048_576, decimals: 1)) MiB)" } ?? ""
            out.append(.note("memory in bytes; * marks the current dataset; process resident memory \(NumberFormat.grouped(Double(rss) / 1_048_576, decimals: 1)) MiB\(peak)"))
        }
        return out
    }
}

/// `describe [NAME]`: columns, roles, types, nulls, distinct counts, min and max.
public struct DescribeCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "describe", group: .data, abstract: "describe a dataset's columns: role, type, nulls, distinct values, min, max",
        positionals: [PositionalSpec("name", .dataset, optional: true, "the dataset (default: the current one)")],
        examples: ["describe", "describe demo-products"])
    let name: String?
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = arguments.positionals.first?.text
    }
    public func run(in session: Session) throws -> CommandOutput {
        let d = try session.datasets.resolve(name)
        var table = ResultTable(title: "\(d.name): \(NumberFormat.grouped(Double(d.table.rowCount), decimals: 0)) rows", columns: [
            ResultColumn("column"), ResultColumn("role"), ResultColumn("type"), ResultColumn("nulls", .integer),
            ResultColumn("distinct", .integer), ResultColumn("min"), ResultColumn("max")])
        for c in session.withProgress({ _ in d.describe() }) {
            table.append([.text(c.name), .text(c.role), .text(c.type), .int(c.nulls), .int(c.distinct), .text(c.min), .text(c.max)])
        }
        return .table(table)
    }
}

/// `head [NAME] [N]`: the first rows of a dataset.
public struct HeadCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "head", group: .data, abstract: "show the first rows of a dataset",
        positionals: [PositionalSpec("name", .dataset, optional: true, "the dataset (default: the current one)"),
                      PositionalSpec("n", .integer, optional: true, "how many rows (default \(Self.defaultRows))")],
        examples: ["head", "head demo-customers 20"])
    /// Rows shown when no count is given.
    static let defaultRows = 10
    let name: String?
    let count: Int
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        var name: String?
        var count = Self.defaultRows
        for token in arguments.positionals {
            if let n = ValueParser.integer(token.text) {
                guard n > 0 && n <= 100_000 else { throw arguments.error("head shows 1 to 100,000 rows, not \(n)", at: token) }
                count = n
            } else {
                name = token.text
            }
        }
        self.name = name
        self.count = count
    }
    public func run(in session: Session) throws -> CommandOutput {
        let d = try session.datasets.resolve(name)
        var table = ResultTable(title: nil, columns: d.table.columnNames.map { ResultColumn($0) })
        for i in 0..<min(count, d.table.rowCount) { table.append(d.table.rowStrings(i).map { .text($0) }) }
        return .table(table)
    }
}

/// `drop NAME`: forgets a dataset.
public struct DropCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "drop", group: .data, abstract: "remove a dataset from memory",
        positionals: [PositionalSpec("name", .dataset, repeats: true, "the datasets to remove")],
        examples: ["drop demo-customers"])
    let names: [String]
    public init(arguments: Arguments) throws {
        let first = try arguments.positional(0, "a dataset name")
        names = [first.text] + arguments.positionals.dropFirst().map(\.text)
    }
    public func run(in session: Session) throws -> CommandOutput {
        for n in names { try session.datasets.remove(n) }
        return .empty
    }
}

/// `use NAME`: makes a dataset the current one.
public struct UseCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "use", group: .data, abstract: "make a dataset the one commands use by default",
        positionals: [PositionalSpec("name", .dataset, "the dataset")],
        examples: ["use demo-products", "use demo"])
    let name: String
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = try arguments.positional(0, "a dataset name").text
    }
    public func run(in session: Session) throws -> CommandOutput {
        _ = try session.datasets.dataset(named: name)
        session.datasets.currentName = name
        return .empty
    }
}
