// swift-tools-version: 6.0
// upshell — an interactive analytics shell for online stores.
// Layout: a thin `upshell` executable over libraries that hold all logic.
import PackageDescription

let package = Package(
    name: "upshell",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "upshell", targets: ["upshell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Markdown prose of notebooks into HTML reports (`upshell run … -o report.html`); only the executable uses it.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // PostgreSQL wire protocol for `load postgres://…`; only UpshellPostgres (and so the executable) uses it.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libedit, through pkg-config; `apt-get install -y libedit-dev` provides the headers.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // zlib, through pkg-config, for reading `.gz` files; `apt-get install -y zlib1g-dev` provides the headers.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Cross-cutting pieces every library uses: user-facing errors, cancellation, progress, suggestions.
        .target(name: "UpshellCore"),
        // Columnar tables, readers, column roles, cleaning, filters, the order model.
        .target(name: "UpshellData", dependencies: ["UpshellCore", "CZlib"]),
        // Metrics, baskets, segments, lifetime value, experiments, pricing: typed results, never printing.
        .target(name: "UpshellAnalytics", dependencies: ["UpshellCore", "UpshellData"]),
        // The REPL, line editor, tokenizer, command registry, commands, rendering.
        .target(name: "UpshellShell", dependencies: ["UpshellCore", "UpshellData", "UpshellAnalytics", "CLibEdit"]),
        // The PostgreSQL source (`load postgres://…`), plugged into the shell through its remote-source hook,
        // so that no other library depends on NIO.
        .target(
            name: "UpshellPostgres",
            dependencies: ["UpshellCore", "UpshellData", "UpshellShell",
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Thin main: flags, then hand over to UpshellShell.
        .executableTarget(
            name: "upshell",
            dependencies: ["UpshellShell", "UpshellPostgres", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Ink", package: "Ink")]
        ),
        .testTarget(name: "UpshellCoreTests", dependencies: ["UpshellCore"]),
        .testTarget(name: "UpshellDataTests", dependencies: ["UpshellData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "UpshellAnalyticsTests", dependencies: ["UpshellAnalytics"]),
        .testTarget(name: "UpshellShellTests", dependencies: ["UpshellShell"], exclude: ["Golden"]),
        // Against a real server: Scripts/pg_test_server starts one and exports UPSHELL_TEST_PG_URL.
        .testTarget(name: "UpshellPostgresTests", dependencies: ["UpshellPostgres", "UpshellShell", "UpshellData", "upshell",
                                                          .product(name: "PostgresNIO", package: "postgres-nio")]),
        // Runs the real binary: transcripts (scripts in, expected output out) and a pseudo-terminal session.
        .testTarget(name: "UpshellEndToEndTests", dependencies: ["upshell", "UpshellShell"], exclude: ["Transcripts"]),
    ]
)
