import Foundation
import TernCatalogue
import TernStore
import Testing

/// A back end the store contract runs against. Each one opens a fresh catalogue holding the demo
/// data (data/demo), so every contract test starts from the same rows whatever stores them.
/// PostgreSQL joins `all` when its store exists; every test below then runs against it too.
enum BackEnd: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite

    static var all: [BackEnd] { allCases }
    var testDescription: String { rawValue }

    /// A fresh catalogue with the demo data, and what to call when the test is done with it.
    func openDemo() throws -> OpenedStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let catalogue = try Catalogue(path: directory.appendingPathComponent("catalogue.sqlite").path)
            try catalogue.seedDemo(from: Self.demoDirectory)
            return OpenedStore(store: catalogue) { try? FileManager.default.removeItem(at: directory) }
        }
    }

    static var demoDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/demo")
    }
}

/// One back end's catalogue, seen only through the store protocols.
final class OpenedStore: @unchecked Sendable {
    let store: any CatalogueStore
    private let close: () -> Void

    init(store: any CatalogueStore, close: @escaping () -> Void) {
        self.store = store
        self.close = close
    }

    deinit { close() }
}

/// The demo's people (data/demo/staff.json, students.json): an advisor, an admin, two students.
enum Demo {
    static let advisor = Account(uid: 4_000_124, login: "rpatel")
    static let admin = Account(uid: 4_000_127, login: "shaddad")
    static let today = CalendarDay(Date())
    static let now = Date()
}
