import Foundation
import UpshellCore
import UpshellData

/// `load postgres://USER@HOST:PORT/DB table=NAME` (or `query="SELECT …"`): rows from a database through a
/// registered ``RemoteSource``, then the same reader, roles, cleaning report and order model as a CSV file.
struct LoadRemote {
    static let table = TypedOption.text("table", "with a database URL: the table or view to read (schema.name allowed)")
    static let query = TypedOption.text("query", "with a database URL: the SELECT whose rows to read, in quotes")
    static let sslMode = TypedOption.text("sslmode", "with a database URL: require (TLS, or fail) or disable (default: the URL's, else PGSSLMODE, else disable)")
        .checked { mode, raw in ["require", "disable"].contains(mode.lowercased()) ? nil : OptionProblem("option 'sslmode' got '\(raw)': expected require or disable") }
    static let aggregate = TypedOption.text("aggregate", "with a database URL: server sends what the analyses need (one row per order, products, pairs above floor=) instead of every line; explain load shows the SQL")
        .checked { a, raw in a.lowercased() == "server" ? nil : OptionProblem("option 'aggregate' got '\(raw)': expected server") }
    static let floor = TypedOption.count("floor", "with aggregate=server: fewest orders a pair needs to be kept for pairs (default: 0.1% of the orders holding a product)")
    static let optionSpecs = [table.spec, query.spec, sslMode.spec, aggregate.spec, floor.spec]

    let request: RemoteRequest
    let name: String?
    let options: LoadOptions
    let currency: String?
    let brief: Bool
    /// `aggregate=server`: the server aggregates (``LoadPushdown``); `floor=` with it.
    var pushdown = false
    var floor: Int?

    /// The request when the path is a URL (`scheme://…`); `nil` for a file. Checks that a URL names a
    /// table or a query (not both), and that `table=`/`query=`/`sslmode=` come only with a URL.
    static func request(_ arguments: Arguments, location token: Token) throws -> RemoteRequest? {
        let table = try arguments.value(Self.table)
        let query = try arguments.value(Self.query)
        let sslMode = try arguments.value(Self.sslMode)?.lowercased()
        let aggregate = try arguments.value(Self.aggregate)
        let floor = try arguments.value(Self.floor)
        let pushdown = aggregate != nil || floor != nil
        guard RemoteSources.scheme(of: token.text) != nil else {
            if table != nil || query != nil || sslMode != nil || pushdown {
                throw arguments.error("table=, query=, sslmode=, aggregate= and floor= go with a database URL, not a file", at: token,
                                      hint: "load postgres://USER@HOST:PORT/DB table=orders")
            }
            return nil
        }
        let shown = SecretRedaction.redact(token.text)
        switch (table, query) {
        case (nil, nil):
            throw arguments.error("'\(shown)' names a database: say which rows to read", at: nil,
                                  hint: "add table=NAME or query=\"SELECT …\"")
        case (.some, .some):
            throw arguments.error("give table= or query=, not both", at: nil, hint: "query=\"SELECT … FROM NAME WHERE …\" reads part of a table")
        default:
            return RemoteRequest(location: token.text, table: table, query: query, sslMode: sslMode)
        }
    }

    func run(in session: Session) throws -> CommandOutput {
        guard let source = RemoteSources.source(for: request.location) else {
            let scheme = RemoteSources.scheme(of: request.location) ?? ""
            throw SessionError("'\(scheme)://' is not a source this upshell can read",
                               hint: "databases: postgres://USER@HOST:PORT/DB (or postgresql://); files: load PATH")
        }
        if let name, session.datasets.contains(name) {
            throw SessionError("a dataset called '\(name)' is already loaded", hint: "choose another name with 'as NAME', or 'drop \(name)' first")
        }
        if pushdown {
            return try LoadPushdown(source: source, request: request, name: name, options: options, floor: floor,
                                    currency: currency, brief: brief).run(in: session)
        }
        let started = Date()
        var dataset = try load(from: source, in: session)
        if session.deterministic { dataset.summary.seconds = 0 } else { dataset.summary.seconds = Date().timeIntervalSince(started) }
        return try LoadCommand.register(dataset, in: session, asTable: dataset.kind == .table, currency: currency, brief: brief)
    }

    /// The rows parsed as they arrive (``CSVStream``) when the source can stream them; read again as one CSV
    /// when the stream cannot give the same table (``CSVStream/WholeTextNeeded``) or the source returns a CSV.
    private func load(from source: any RemoteSource, in session: Session) throws -> Dataset {
        var streaming = request
        streaming.stream = CSVStream(options: options)
        let rows = try session.withProgress { try source.fetch(streaming, progress: $0) }
        if rows.streamed, let stream = streaming.stream {
            do {
                return try DatasetLoader.load(stream: stream, path: rows.displayLocation, name: name ?? rows.name, options: options)
            } catch let again as CSVStream.WholeTextNeeded {
                PhaseTimer("load").mark("read again as one CSV: \(again.reason)")
                let whole = try session.withProgress { try source.fetch(request, progress: $0) }
                return try DatasetLoader.load(csv: whole.csv, path: whole.displayLocation, name: name ?? whole.name, options: options)
            }
        }
        return try DatasetLoader.load(csv: rows.csv, path: rows.displayLocation, name: name ?? rows.name, options: options)
    }
}
