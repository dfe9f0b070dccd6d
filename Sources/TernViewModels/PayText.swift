import TernStore

/// How a listing's pay reads, in one place: every screen and the CLI say it the same way.
public enum PayText {
    /// For a list cell or a table column: "USD 17/h", "USD 500", "Certificate". The amount alone
    /// stands for a fixed fee or stipend, as the detail says which.
    public static func compact(_ kind: CompensationKind, _ money: Money?) -> String {
        guard let money else { return kind.label }
        return kind == .hourly ? "\(money.formatted)/h" : money.formatted
    }

    /// Per estimated hour, the pay order's key: "USD 12.50/h", or the kind when nothing is paid.
    public static func perHour(_ kind: CompensationKind, _ perHour: Money?) -> String {
        perHour.map { "\($0.formatted)/h" } ?? kind.label
    }

    /// For a listing's detail: "USD 17 per hour", "USD 500 (stipend)", "Academic credit".
    public static func full(_ kind: CompensationKind, _ money: Money?) -> String {
        guard let money else { return kind.label }
        return kind == .hourly ? "\(money.formatted) per hour" : "\(money.formatted) (\(kind.label.lowercased()))"
    }
}
