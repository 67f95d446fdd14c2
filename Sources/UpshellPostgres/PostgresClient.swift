import Dispatch
import Foundation
import PostgresNIO
import UpshellCore

/// A synchronous PostgreSQL connection for the shell's commands (which run on the calling thread):
/// connect, run a query with a callback per row, close. Waiting checks ``Cancellation`` every 50 ms;
/// after Ctrl-C the server's query is cancelled from a second connection (`pg_cancel_backend`) and
/// ``CancelledError`` is thrown.
final class PostgresClient: @unchecked Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    /// The server process serving this connection (`pg_backend_pid()`), for cancelling its query.
    private(set) var backendPID: Int32 = 0
    private static let logger: Logger = {
        var l = Logger(label: "upshell.postgres")
        l.logLevel = .critical
        return l
    }()

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    /// Opens a connection and reads its backend pid. Throws ``PostgresSourceError`` (never naming the password).
    static func connect(_ location: PostgresLocation) throws -> PostgresClient {
        let configuration = try Self.configuration(location)
        let future = PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                id: 1, logger: logger)
        let connection = try PostgresErrors.translating(location, rows: nil) { try waitCancellable(future) { _ in } }
        let client = PostgresClient(location: location, connection: connection)
        do {
            var pid: Int32 = 0
            try client.run("SELECT pg_backend_pid()::text") { row in
                if let b = row.first?.bytes { pid = Int32(String(buffer: b)) ?? 0 }
            }
            client.backendPID = pid
        } catch {
            client.close()
            throw error
        }
        return client
    }

    static func configuration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch location.sslMode {
        case .disable: tls = .disable
        case .allow, .prefer, .require, .verifyCA, .verifyFull:
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = switch location.sslMode {
            case .verifyFull: .fullVerification
            case .verifyCA: .noHostnameVerification
            default: .none
            }
            let context = try NIOSSLContext(configuration: c)
            tls = [.require, .verifyCA, .verifyFull].contains(location.sslMode) ? .require(context) : .prefer(context)
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        // Text forms as the CSV files upshell reads: ISO dates, times in UTC.
        configuration.options.additionalStartupParameters = [("DateStyle", "ISO, YMD"), ("TimeZone", "UTC"),
                                                             ("application_name", "upshell")]
        return configuration
    }

    /// Runs `sql` (text-cast columns: every cell's bytes are its text form), calling `onRow` for each row
    /// on the connection's thread, in order. Throws ``CancelledError`` after Ctrl-C (the query is cancelled
    /// on the server), else the query's error as ``PostgresSourceError``.
    func run(_ sql: String, userQuery: (text: String, offset: Int)? = nil, rows: (() -> Int)? = nil,
             onRow: @escaping (PostgresRow) throws -> Void) throws {
        let future = start(sql, onRow: onRow)
        try PostgresErrors.translating(location, rows: rows, userQuery: userQuery) {
            _ = try Self.waitCancellable(future) { [self] _ in cancelServerQuery() }
        }
    }

    /// Sends `sql` and returns at once; `onRow` is called for each row on the connection's thread, in order.
    func start(_ sql: String, onRow: @escaping (PostgresRow) throws -> Void) -> EventLoopFuture<Void> {
        let box = UncheckedBox(onRow)
        return connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) { row in try box.value(row) }.map { _ in () }
    }

    /// Asks the server to stop this connection's running query, from a second connection.
    func cancelServerQuery() {
        guard backendPID != 0, let configuration = try? Self.configuration(location) else { return }
        let pid = backendPID
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let done = PostgresConnection.connect(on: loop, configuration: configuration, id: 2, logger: Self.logger)
            .flatMap { other in
                other.query(PostgresQuery(unsafeSQL: "SELECT pg_cancel_backend(\(pid))"), logger: Self.logger)
                    .flatMap { _ in other.close() }
            }
        _ = try? done.wait()
    }

    func close() { _ = try? connection.close().wait() }

    /// Waits for `future`, checking ``Cancellation`` every 50 ms. On a request, calls `cancel`, waits for the
    /// future to end, and throws ``CancelledError``.
    static func waitCancellable<T: Sendable>(_ future: EventLoopFuture<T>, cancel: (EventLoopFuture<T>) -> Void) throws -> T {
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { _ in done.signal() }
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if Cancellation.isRequested {
                cancel(future)
                _ = try? future.wait()
                throw CancelledError()
            }
        }
        return try future.wait()
    }
}

/// Carries a non-Sendable closure into NIO's `@Sendable` row callback; rows are delivered one at a
/// time on the connection's event loop while the caller waits.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
