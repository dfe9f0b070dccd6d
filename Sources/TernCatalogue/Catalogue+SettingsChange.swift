internal import GRDB

/// Settings staff change together (`tern settings`): each nil is left as it is.
public struct SettingsChange: Sendable, Equatable {
    public var homeCurrency: String?
    public var payFloorCents: Int?
    public var unpaidMaxHours: Int?
    public var applyLink: String?

    public init(homeCurrency: String? = nil, payFloorCents: Int? = nil, unpaidMaxHours: Int? = nil, applyLink: String? = nil) {
        self.homeCurrency = homeCurrency
        self.payFloorCents = payFloorCents
        self.unpaidMaxHours = unpaidMaxHours
        self.applyLink = applyLink
    }

    public var isEmpty: Bool { self == SettingsChange() }
}

extension Catalogue {
    /// Changes the settings in `change` in one transaction, with one audit row naming who changed
    /// which setting from what to what.
    ///
    /// ```swift
    /// try catalogue.changeSettings(SettingsChange(homeCurrency: "EUR"), by: access.principal)
    /// ```
    public func changeSettings(_ change: SettingsChange, by principal: Principal) throws {
        guard !change.isEmpty else { return }
        if let code = change.homeCurrency { try Self.checkHomeCurrency(code) }
        if let link = change.applyLink { try Self.validateApplyLink(link) }
        guard (change.payFloorCents ?? 0) >= 0, (change.unpaidMaxHours ?? 0) >= 0 else {
            throw CatalogueError.invalid("the pay floor and the unpaid hours limit cannot be negative")
        }
        let values: [(name: String, key: String, value: String?)] = [
            ("home-currency", PayRank.homeCurrencySetting, change.homeCurrency),
            ("pay-floor", ReviewSettings.payFloorKey, change.payFloorCents.map(String.init)),
            ("unpaid-max-hours", ReviewSettings.unpaidMaxHoursKey, change.unpaidMaxHours.map(String.init)),
            ("apply-link", Self.applyLinkSetting, change.applyLink),
        ]
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
