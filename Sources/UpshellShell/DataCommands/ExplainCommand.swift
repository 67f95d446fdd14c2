import UpshellCore
import UpshellData

/// `explain load postgres://… table=NAME aggregate=server [floor=N] [ROLE=COLUMN…]`: prints the SQL that
/// `load … aggregate=server` would send (it reads the column names from the server, nothing else), with
/// the cleaning policy in it, after the source's own session settings (``RemoteSource/aggregationSettings``).
/// The password is never printed: the SQL does not hold the URL.
struct ExplainCommand: ShellCommand {
    static let spec = CommandSpec(
        name: "explain", group: .data,
        abstract: "print the SQL that 'load URL … aggregate=server' sends to the database",
        synopsis: ["explain load postgres://USER@HOST:PORT/DB table=NAME|query=\"SELECT …\" aggregate=server [floor=N] [ROLE=COLUMN…]"],
        discussion: """
            Standard SQL only (common table expressions, CASE, GROUP BY, COUNT(DISTINCT …), a self-join), so a \
            distributed engine that speaks it (Citus, Trino, Spark SQL) runs it unchanged. The first CTE puts each \
            line in its first cleaning category, as the file load's cleaning report does (cancelled: order id \
            starting with C or a cancelling status; adjustments: id starting with A; returns: quantity ≤ 0; \
            non-positive-price; missing-values), and 'kept' leaves out the categories the default policy drops. \
            Then: the cleaning counts, one row per order, the product table, the customer summaries, the count \
            of orders holding a product and the pairs in at least :floor orders (floor=N, default 0.1% of that \
            count). Products that upshell's non-product rule finds in the product table ('help clean') are left \
            out of the last two with NOT IN (…).
            """,
        positionals: [PositionalSpec("load", .text, "the word load"),
                      PositionalSpec("url", .text, "postgres://USER@HOST:PORT/DB (a password in it is never printed)")],
        options: LoadRemote.optionSpecs + RoleOptions.specs,
        examples: ["explain load postgres://analyst@db:5432/shop table=orders aggregate=server",
                   "explain load postgres://analyst@db:5432/shop table=orders aggregate=server floor=50"])

    let request: RemoteRequest
    let floor: Int?
    let overrides: [ColumnRole: String]

    init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        let word = try arguments.positional(0, "the word load")
        guard word.text.lowercased() == "load" else {
            throw arguments.error("explain shows the SQL of a load, not '\(word.text)'", at: word,
                                  hint: "explain load postgres://USER@HOST:PORT/DB table=NAME aggregate=server")
        }
        let url = try arguments.positional(1, "a database URL")
        guard let request = try LoadRemote.request(arguments, location: url) else {
            throw arguments.error("explain load needs a database URL, not a file", at: url,
                                  hint: "explain load postgres://USER@HOST:PORT/DB table=NAME aggregate=server")
        }
        guard try arguments.value(LoadRemote.aggregate) != nil else {
            throw arguments.error("explain load shows the SQL of aggregate=server: add it", at: nil,
                                  hint: "explain load \(SecretRedaction.redact(url.text)) aggregate=server …")
        }
        self.request = request
        floor = try arguments.value(LoadRemote.floor)
        var overrides: [ColumnRole: String] = [:]
        for (role, column) in try RoleOptions.given(in: arguments) {
            if let column { overrides[role] = column }
        }
        self.overrides = overrides
    }

    func run(in session: Session) throws -> CommandOutput {
        guard let source = RemoteSources.source(for: request.location) else {
            let scheme = RemoteSources.scheme(of: request.location) ?? ""
            throw SessionError("'\(scheme)://' is not a source this upshell can read", hint: "databases: postgres://USER@HOST:PORT/DB (or postgresql://)")
        }
        var options = LoadOptions()
        options.roleOverrides = overrides
        let sql = try LoadPushdown.sql(source, request, options: options)
        let settings = source.aggregationSettings
        let before = settings.statements.isEmpty ? ""
            : "-- session settings sent first (\(settings.note))\n" + settings.statements.map { $0 + ";\n" }.joined() + "\n"
        return CommandOutput([.text(before + sql.script(floor: floor))])
    }
}
