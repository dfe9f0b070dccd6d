import Foundation
import TernCatalogue

/// What `tern export` writes from the demo catalogue (on SQLite, the one back end that exports),
/// for the contract's import tests to read into every back end.
public enum DemoExport {
    public static func file(_ subject: ExchangeSubject, as format: ExchangeFormat, seededAt now: Date = Date()) throws -> Data {
        let demo = try SQLiteDemo(seededAt: now)
        var text = ""
        try demo.catalogue.export(subject, as: format) { text += $0 }
        return Data(text.utf8)
    }
}
