import Foundation
import TernCatalogue
import TernStore
import Testing

/// A back end the tests run against. Each one opens a fresh catalogue holding the demo data
/// (data/demo), so every test starts from the same rows whatever stores them: the store contract
/// runs over `all`, and the screen and view-model tests open their catalogue through
/// ``SQLiteDemo`` below, the same fixture.
public enum BackEnd: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    /// The demo copied into a fresh PostgreSQL catalogue on the test cluster (``PostgresDemo``).
    case postgres

    /// The back ends the store contract runs over: SQLite always, PostgreSQL wherever the test
    /// cluster is (``PostgresDemo/clusterSocket``: `make test` starts one where PostgreSQL 15 is
    /// installed, and CI fails without it).
    public static var all: [BackEnd] {
        PostgresDemo.clusterSocket != nil ? [.sqlite, .postgres] : [.sqlite]
    }
    public var testDescription: String { rawValue }

    /// A fresh catalogue with the demo data seeded at `now`, and what to call when the test is done with it.
    public func openDemo() async throws -> OpenedStore {
        switch self {
        case .sqlite:
            let demo = try SQLiteDemo()
            return OpenedStore(store: demo.catalogue) { _ = demo }
        case .postgres:
            return try await PostgresContractDemo.open()
        }
    }
}

/// The demo catalogue on SQLite, in a private (0700) scratch directory of its own that goes with it.
/// Screen and view-model tests read and write it as the concrete catalogue, the contract as stores.
public final class SQLiteDemo: @unchecked Sendable {
    public let directory: URL
    public let catalogue: Catalogue
    public var path: String { directory.appendingPathComponent("c.sqlite").path }

    public init(seededAt now: Date = Date()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        catalogue = try Catalogue(path: directory.appendingPathComponent("c.sqlite").path)
        try catalogue.seedDemo(from: DemoData.directory, now: now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// One back end's catalogue, seen only through the store protocols.
public final class OpenedStore: @unchecked Sendable {
    public let store: any CatalogueStore
    private let close: () -> Void

    public init(store: any CatalogueStore, close: @escaping () -> Void) {
        self.store = store
        self.close = close
    }

    deinit { close() }
}

/// Where the demo data lives, and the fixed day screen tests seed it on.
public enum DemoData {
    /// The source tree's root (this file is Tests/StoreFixtures/BackEnd.swift).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    public static var directory: URL { root.appendingPathComponent("data/demo") }
    /// A fixed seeding day, so deadlines and countdowns read the same on every run.
    public static let seededAt = Date(timeIntervalSince1970: 1_772_452_800)   // 2026-03-02 12:00 UTC
}

/// The demo's people (data/demo/staff.json, students.json): an advisor and an admin.
public enum Demo {
    public static let advisor = Account(uid: 4_000_124, login: "rpatel")
    public static let admin = Account(uid: 4_000_127, login: "shaddad")
    public static let today = CalendarDay(Date())
    public static let now = Date()
}
