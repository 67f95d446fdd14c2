import UpshellPostgres

/// The source every test registers (registering twice is harmless: the first match answers).
enum UpshellPostgresSourceForTests {
    static let source = PostgresSource()
}
