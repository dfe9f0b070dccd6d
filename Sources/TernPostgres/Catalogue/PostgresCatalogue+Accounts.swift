import Foundation
import TernStore

/// What `tern accounts sync` did: who was given which of Tern's roles, who lost one, and who
/// could not have an account (a username that cannot be a plain login role).
public struct AccountSync: Sendable, Equatable {
    public struct Grant: Sendable, Equatable, Hashable {
        public var login: String
        public var role: String
    }
    public var granted: [Grant] = []
    public var revoked: [Grant] = []
    public var skipped: [String] = []
    /// Accounts that hold the role they should, before and after.
    public var unchanged = 0
}

extension PostgresCatalogue {
    /// Gives each student `tern_student`, each advisor `tern_advisor`, each admin (and the
    /// catalogue's owner) `tern_admin` and each named kiosk account `tern_kiosk`, as login roles of their own (made when
    /// missing), and takes Tern's roles back from every plain account no longer listed. Only
    /// through the schema's `tern_account_grant` and `tern_account_revoke` (``ChangesAndAccountsV4``),
    /// which an admin may call and which grant nothing else; one transaction, audited.
    public func syncAccounts(kiosks: [String], by principal: Principal, now: Date) async throws -> AccountSync {
        try await write(for: .syncAccounts) { transaction in
            var wanted: [AccountSync.Grant] = []
            var sync = AccountSync()
            let people = try await transaction.rows { s in
                s.append("""
                    SELECT username AS login, 'tern_student' AS role, tern_account_is_plain(username) AS plain FROM students
                    UNION ALL
                    SELECT username, 'tern_' || role, tern_account_is_plain(username) FROM staff
                    UNION ALL
                    SELECT login, 'tern_kiosk', tern_account_is_plain(login) FROM unnest(\(s.bind(kiosks))) AS k(login)
                    UNION ALL
                    -- The catalogue's owner counts as an admin (as a file's owner does), listed or not.
                    SELECT pg_get_userbyid(datdba)::text, 'tern_admin', tern_account_is_plain(pg_get_userbyid(datdba)::text)
                    FROM pg_database WHERE datname = current_database()
                    ORDER BY 1, 2
                    """)
            }
            for row in people {
                let login: String = try ListingRecords.value(row, "login", table: "students")
                if try ListingRecords.value(row, "plain", table: "students") as Bool {
                    wanted.append(.init(login: login, role: try ListingRecords.value(row, "role", table: "staff")))
                } else {
                    sync.skipped.append(login)
                }
            }
            let held = try await transaction.rows { s in
                s.append("""
                    SELECT u.rolname::text AS login, g.rolname::text AS role FROM pg_auth_members m
                    JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                    WHERE g.rolname IN ('tern_student', 'tern_advisor', 'tern_admin', 'tern_kiosk')
                      AND tern_account_is_plain(u.rolname::text)
                    ORDER BY 1, 2
                    """)
            }.map { AccountSync.Grant(login: try ListingRecords.value($0, "login", table: "pg_roles"),
                                      role: try ListingRecords.value($0, "role", table: "pg_roles")) }
            let wantedSet = Set(wanted), heldSet = Set(held)
            for grant in wanted where !heldSet.contains(grant) {
                try await transaction.execute { s in
                    s.append("SELECT tern_account_grant(\(s.bind(grant.login)), \(s.bind(grant.role)))")
                }
                sync.granted.append(grant)
            }
            for grant in held where !wantedSet.contains(grant) {
                try await transaction.execute { s in
                    s.append("SELECT tern_account_revoke(\(s.bind(grant.login)), \(s.bind(grant.role)))")
                }
                sync.revoked.append(grant)
            }
            sync.unchanged = wantedSet.intersection(heldSet).count
            try await transaction.audit(by: principal.account.displayName, role: principal.auditRole, action: "synced_accounts",
                                        student: nil, detail: "\(sync.granted.count) granted, \(sync.revoked.count) revoked",
                                        at: now)
            return sync
        }
    }
}
