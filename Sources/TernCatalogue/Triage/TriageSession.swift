import Foundation
internal import GRDB

extension Catalogue {
    /// A triage session for an authorized staff member (or the file's owner, named by login).
    public func triageSession(for access: Authorization) throws -> TriageSession {
        let login = access.principal.account.displayName
        let name = try read { try String.fetchOne($0, SQLRequest(literal: "SELECT name FROM staff WHERE username = \(login)")) }
        return TriageSession(username: login, name: name ?? login, auditRole: access.principal.auditRole)
    }
}
