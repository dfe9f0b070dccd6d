// swift-tools-version:6.1
import PackageDescription

// Layers point down only: tern → TernTerminal → TernViewModels → TernStore → TernText, and
// tern → TernCatalogue (the SQLite stores) / TernPostgres → TernExchange (reading and checking
// import files) → TernStore. The screens and view models know only
// TernStore's protocols; TernCatalogue alone uses GRDB, imported internally (none of its public
// API names a GRDB type); TernText (what text is safe to show, and how wide it is) uses nothing.
let package = Package(
    name: "Tern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tern", targets: ["tern"]),
        .executable(name: "tern-bench", targets: ["tern-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already under postgres-nio; named for TLS verification and the SCRAM verifier a user
        // sets their password with (tern accounts password).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CCrypt",
            providers: [.apt(["libcrypt-dev"])]
        ),
        .target(name: "TernText"),
        // What is stored, whatever stores it: the records, their rules, and the store protocols
        // the view models and screens are written against. No storage engine here.
        .target(name: "TernStore", dependencies: ["TernText"]),
        // Reading and checking an import file (CSV or JSON, every value with its line and
        // column), whatever back end then writes it. No storage engine here either.
        .target(name: "TernExchange", dependencies: ["TernText", "TernStore"]),
        // The SQLite implementation of the stores.
        .target(
            name: "TernCatalogue",
            dependencies: [
                "TernText", "TernStore", "TernExchange",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw C API, only for the bulk loader's hot loop.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "TernViewModels",
            dependencies: ["TernStore", "TernText"]
        ),
        .target(
            name: "TernTerminal",
            dependencies: ["TernViewModels", "TernStore", "TernText", "CNcursesw", "CQRencode", "CCrypt", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "tern",
            dependencies: [
                "TernText", "TernCatalogue", "TernPostgres", "TernViewModels", "TernTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The PostgreSQL implementation of the stores (issue 20).
        .target(
            name: "TernPostgres",
            dependencies: [
                "TernText", "TernStore", "TernExchange",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "tern-bench",
            dependencies: ["TernCatalogue", "TernStore", "TernViewModels", "TernTerminal", "TernPostgres"]
        ),
        // The hostile-text corpus the text tests share, generated so a fresh clone has all of it.
        .target(name: "HostileText", path: "Tests/HostileText"),
        // Reading a QR code back as a phone would (zbarimg), for the unit and the end-to-end tests.
        .target(name: "QRScan", path: "Tests/QRScan"),
        // The demo catalogue every suite opens, per back end: the store contract runs over each,
        // the screen and view-model tests read the same fixture.
        .target(name: "StoreFixtures", dependencies: ["TernStore", "TernCatalogue", "TernPostgres"], path: "Tests/StoreFixtures"),
        .testTarget(name: "TernTextTests", dependencies: ["TernText", "HostileText"]),
        .testTarget(name: "TernCatalogueTests", dependencies: ["TernCatalogue", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TernViewModelsTests", dependencies: ["TernViewModels", "TernStore", "TernCatalogue", "TernText", "StoreFixtures"]),
        .testTarget(
            name: "TernTerminalTests",
            dependencies: ["TernTerminal", "TernViewModels", "TernStore", "TernCatalogue", "TernText", "HostileText", "QRScan", "StoreFixtures"],
            // Committed text snapshots, read by path at test time.
            exclude: ["Snapshots"]
        ),
        // The store contract: one suite every back end passes, seen only through TernStore's protocols.
        .testTarget(name: "StoreContractTests", dependencies: ["TernStore", "StoreFixtures"]),
        .testTarget(name: "TernPostgresTests", dependencies: [
            "TernPostgres", "TernStore", "TernCatalogue", "StoreFixtures",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            // Reads an SQLite catalogue's rows to copy them into PostgreSQL (the parity tests).
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["TernCatalogue", "QRScan"]),
    ],
    swiftLanguageModes: [.v6]
)
