internal import GRDB

extension Catalogue {
    /// Changes the settings in `change` in one transaction, with one audit row naming who changed
    /// which setting from what to what.
    ///
    /// ```swift
    /// try catalogue.changeSettings(SettingsChange(homeCurrency: "EUR"), by: access.principal)
    /// ```
    public func changeSettings(_ change: SettingsChange, by principal: Principal) throws {
        guard !change.isEmpty else { return }
        try change.check()
        let values = change.values
        try write(for: .changeSettings) { db in
            var changed: [String] = []
            for (name, key, value) in values {
                guard let value else { continue }
                let old = try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(key)"))
                try db.execute(literal: "INSERT INTO settings(key, value) VALUES (\(key), \(value)) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                changed.append("\(name) \(old ?? "(not set)") -> \(value)")
            }
            try Self.audit(db, by: principal.account.displayName, role: principal.auditRole,
                           action: AuditedAction.changedSettings.rawValue, student: nil, detail: changed.joined(separator: "; "))
        }
    }
}
