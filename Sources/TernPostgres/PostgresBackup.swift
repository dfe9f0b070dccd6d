import Foundation
import PostgresNIO
import TernStore
import TernText

/// Backups of a PostgreSQL catalogue through `pg_dump` and `pg_restore` (custom format), when
/// they are installed; otherwise a refusal naming the command to run.
///
/// pg_dump reads every row, past row-level security, so it runs as a role made for it:
/// `tern_backup`, NOLOGIN BYPASSRLS, made once by the server's superuser and granted to the
/// admins who back up (`scripts/campus` makes it). The backup is recorded in the audit log first: a
/// backup that cannot be recorded does not happen. Only the catalogue's host's socket is used.
public enum PostgresBackup {
    static func program(_ name: String) -> String? {
        ["/usr/lib/postgresql/15/bin/\(name)", "/usr/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func socketArguments(_ location: PostgresLocation) throws -> [String] {
        guard case .socket(let directory, let port) = location.endpoint else {
            throw CatalogueError.refused("back up and restore on the catalogue's own host, through its socket")
        }
        return ["-h", directory, "-p", String(port), "-d", location.database]
    }

    /// Refuses unless the backup role exists with what it needs, and `login` may take it.
    static func checkBackupRole(_ session: PostgresSession, login: String) async throws {
        let ready = try await session.column("""
            SELECT (rolbypassrls AND NOT rolcanlogin AND pg_has_role(current_user, 'tern_backup', 'MEMBER'))::text
            FROM pg_roles WHERE rolname = 'tern_backup'
            """).first ?? nil
        guard ready == "true" else {
            throw CatalogueError.refused("""
                backups run as the role tern_backup, which this server lacks or \(login) may not take; the server's superuser \
                makes it once: CREATE ROLE tern_backup NOLOGIN BYPASSRLS; GRANT tern_backup TO \(login)
                """)
        }
    }

    /// Backs the catalogue up to `path` (an empty private file the caller made), as `principal`.
    public static func backup(_ catalogue: PostgresCatalogue, to path: String, by principal: Principal) async throws {
        guard let pgDump = program("pg_dump") else {
            throw CatalogueError.refused("pg_dump is not installed here (apt-get install postgresql-client-15); or run: pg_dump -Fc --role=tern_backup -d \(catalogue.location.database) -f \(Sanitizer.line(path))")
        }
        let arguments = try socketArguments(catalogue.location)
        try await catalogue.write(for: .backup) { transaction in
            try await checkBackupRole(transaction.session, login: catalogue.login)
            // The catalogue's owner keeps the backup role able to read every table, new ones too.
            if try await transaction.session.column("SELECT pg_has_role(current_user, pg_get_userbyid(datdba), 'USAGE')::text FROM pg_database WHERE datname = current_database()").first == "true" {
                try await transaction.session.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO tern_backup")
                try await transaction.session.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO tern_backup")
            }
            try await transaction.audit(by: principal.account.displayName, role: principal.auditRole, action: "backup",
                                        student: nil, detail: "to \(path)")
        }
        let status = try run(pgDump, ["-Fc", "--role=tern_backup", "--no-password", "-f", path] + arguments)
        guard status == 0 else {
            try? Data().write(to: URL(fileURLWithPath: path))
            throw CatalogueError.unusable("pg_dump could not back up the catalogue (it exited \(status)); nothing usable was written to \(Sanitizer.line(path))")
        }
    }

    /// Restores a backup into an empty database at `location`, then checks it (``PostgresCheck``):
    /// the schema, the rules, row-level security and both hash chains.
    public static func restore(from path: String, into location: PostgresLocation, login: String, password: String?) async throws -> PostgresCheck.Report {
        guard let pgRestore = program("pg_restore") else {
            throw CatalogueError.refused("pg_restore is not installed here (apt-get install postgresql-client-15); or run: pg_restore --no-owner -d \(location.database) \(Sanitizer.line(path)), then tern check")
        }
        let arguments = try socketArguments(location)
        let session = try await PostgresSession.connect(to: location, as: login, password: password)
        do {
            let empty = try await session.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").first == "0"
            guard empty else {
                throw CatalogueError.refused("database \(location.database) is not empty: restore into a new one (createdb), then point tern at it")
            }
            let status = try run(pgRestore, ["--no-owner", "--exit-on-error", "--single-transaction", "--no-password"] + arguments + [path])
            guard status == 0 else {
                throw CatalogueError.unusable("pg_restore could not restore \(Sanitizer.line(path)) (it exited \(status)); nothing was restored")
            }
            let report = try await PostgresCheck.run(session)
            try await session.close()
            return report
        } catch {
            try? await session.close()
            throw error
        }
    }

    /// Runs a client program to its end, its output discarded (the server's words are not Tern's).
    static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CatalogueError.unusable("cannot start \(program)")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
