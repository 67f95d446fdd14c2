import Foundation
import UpshellCore
import UpshellData

/// `filter NAME where EXPR as NEW`: a view of the rows that satisfy an expression, sharing the
/// parent's columns, with its own orders, customers and products.
public struct FilterCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "filter", aliases: ["where"], group: .data,
        abstract: "make a dataset of the rows that satisfy an expression (a cheap view sharing the columns)",
        synopsis: ["filter [NAME] where EXPRESSION as NEW"],
        discussion: """
            Expressions compare columns with values: = != < <= > >=, in (a, b), not in (…), between X and Y, \
            contains "text" (case-insensitive), is null, is not null; combined with and, or, not and parentheses. \
            Values: numbers (12.5, $50, 20%), text in quotes ("France"), dates (2011-01-01, 2011-01-01T10:00). \
            Column names are written as they are, or in backticks when they hold spaces (`unit price`). The new \
            dataset becomes the current one; its orders are rebuilt from the selected lines.
            """,
        positionals: [PositionalSpec("name", .dataset, optional: true, "the dataset to filter (default: the current one)")],
        examples: ["filter demo where country = \"FR\" and created_at >= 2025-01-01 as fr",
                   "filter where unit_price between 10 and 50 as mid"],
        freeTextFrom: 0)

    let source: String?
    let clause: ScopeClause
    let newName: String

    public init(arguments: Arguments) throws {
        let words = arguments.positionals
        let tokens = arguments.command.tokens
        guard let whereToken = ScopeClause.whereIndex(in: arguments.command) else {
            throw arguments.error("'filter' needs 'where' and an expression", at: nil, hint: "example: filter retail where Country = \"France\" as fr")
        }
        let whereIndex = whereToken - 1 // among the positionals (every word after the command name)
        guard whereIndex <= 1 else {
            throw arguments.error("unexpected '\(words[1].text)' before 'where'", at: words[1], hint: "usage: filter [NAME] where EXPRESSION as NEW")
        }
        source = whereIndex == 1 ? words[0].text : nil
        guard words.count >= whereIndex + 4, words[words.count - 2].text.lowercased() == "as", !words[words.count - 2].wasQuoted else {
            throw arguments.error("'filter' needs a name for the new dataset at the end: … as NEW", at: words.last,
                                  hint: "example: filter retail where Country = \"France\" as fr")
        }
        let nameToken = words[words.count - 1]
        guard LoadCommand.isValidName(nameToken.text) else {
            throw arguments.error("'\(nameToken.text)' is not a dataset name", at: nameToken, hint: "names start with a letter and hold letters, digits, - and _")
        }
        newName = nameToken.text
        // The expression is the raw text between 'where' and 'as NEW', positions kept for carets.
        clause = try ScopeClause(arguments.command, whereAt: whereToken, end: tokens.count - 2)
    }

    public func run(in session: Session) throws -> CommandOutput {
        let parent = try session.datasets.resolve(source)
        if session.datasets.contains(newName) {
            throw SessionError("a dataset called '\(newName)' is already loaded", hint: "choose another name, or 'drop \(newName)' first")
        }
        let started = Date()
        let rows = try clause.selectedRows(in: parent, session)
        guard !rows.isEmpty else {
            throw SessionError("no rows of '\(parent.name)' satisfy: \(clause.expression)", hint: "'describe \(parent.name)' shows each column's range of values")
        }
        var view = try parent.filtered(rows: rows, name: newName)
        view.summary.seconds = session.deterministic ? 0 : Date().timeIntervalSince(started)
        try session.datasets.add(view)
        let share = Double(rows.count) / Double(max(1, parent.table.rowCount))
        return CommandOutput([.text("'\(newName)' = \(NumberFormat.percent(share)) of '\(parent.name)': \(view.summary.oneLine)")])
    }
}
