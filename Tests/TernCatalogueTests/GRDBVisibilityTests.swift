import Foundation
import Testing

/// GRDB is the SQLite store's own business. The compiler keeps an internally imported module out
/// of the public API, but only while every file imports it internally: one plain `import GRDB`
/// makes it public for the whole module again, and with it any conformance of a TernStore record.
@Suite struct GRDBVisibilityTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Each Swift file under `Sources/<module>`, with its lines that import GRDB or GRDBSQLite.
    static func grdbImports(in module: String) throws -> [(file: String, lines: [String])] {
        let root = sources.appendingPathComponent(module)
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map { file in
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").map(String.init).filter { line in
                let words = line.split(separator: " ")
                guard let module = words.last, module == "GRDB" || module == "GRDBSQLite" else { return false }
                return words.dropLast().last == "import"
            }
            return (file, imports)
        }
    }

    @Test func theSQLiteStoreImportsGRDBOnlyInternally() throws {
        let files = try Self.grdbImports(in: "TernCatalogue")
        #expect(files.contains { !$0.lines.isEmpty }, "no file found importing GRDB: is \(Self.sources.path) the sources?")
        for (file, lines) in files {
            for line in lines {
                #expect(line.hasPrefix("internal import "), "\(file): \(line)")
            }
        }
    }

    @Test func nothingAboveTheStoreImportsGRDB() throws {
        for module in ["TernText", "TernStore", "TernViewModels", "TernTerminal", "tern", "tern-bench"] {
            for (file, lines) in try Self.grdbImports(in: module) {
                #expect(lines.isEmpty, "\(module)/\(file): \(lines)")
            }
        }
    }
}
