import Foundation
import PostgresNIO
import TernStore

/// A catalogue on PostgreSQL: every store protocol (``CatalogueStore``), as the SQLite
/// catalogue answers them, over schema v1… (``PostgresSchema``). What a screen asks goes through
/// two connections as the OS account: one for listings (``PostgresListings``: reads only,
/// stopped on the server when superseded) and one for everything else, a transaction at a time
/// (``SessionLane``); the change feed listens on a third.
///
/// Who may do what is checked twice: by the store in Swift, in the same transaction as the work
/// (``PostgresClearance``), and by the server, whose roles and row-level security hold even for
/// `psql` under the same account (``AccessV2``).
///
/// ```swift
/// let catalogue = try await PostgresCatalogue.open(location, as: "rpatel")
/// let access = try await catalogue.authorize(.triageConsole, account: .current(), actingFor: nil)
/// ```
public final class PostgresCatalogue: CatalogueStore, @unchecked Sendable {
    public let location: PostgresLocation
    public let login: String
    let listings: PostgresListings
    let lane: SessionLane
    private let lock = NSLock()
    private var clearanceValue: PostgresClearance?
    private var delegationValue: PostgresDelegation?
    private var feed: PostgresChangeFeed?

    /// How long a transaction may sit idle before the server ends it: a process stopped mid-write
    /// (`kill -STOP`) releases its row locks then instead of stalling every writer behind it.
    public static let idleTransactionTimeout: Duration = .seconds(10)
    /// The longest a statement outside the listings may run.
    public static let statementTimeout: Duration = .seconds(30)

    private init(location: PostgresLocation, login: String, listings: PostgresListings, lane: SessionLane) {
        self.location = location
        self.login = login
        self.listings = listings
        self.lane = lane
    }

    /// Opens the catalogue at `location` as the OS account `login` (peer authentication on this
    /// host: the server checks who it is). Refuses a catalogue at another schema version.
    /// `readOnly` makes every transaction read-only on the server (`default_transaction_read_only`):
    /// the kiosk and read-only commands cannot write, whatever a screen asks.
    /// `password` is the account's own, for a catalogue over TCP (nil on this host's socket).
    public static func open(_ location: PostgresLocation, as login: String, password: String? = nil, readOnly: Bool = false,
                            readTimeout: Duration = PostgresListings.defaultReadTimeout) async throws -> PostgresCatalogue {
        try await open(location, as: login, password: password, readOnly: readOnly, readTimeout: readTimeout, actingRole: nil)
    }

    /// `actingRole`: tests only. Every connection acts as that role (`SET ROLE`) once connected,
    /// so a test connected as the cluster's superuser meets a student's or a kiosk's grants and
    /// row-level security exactly as that account connecting would (peer authentication lets a
    /// test connect only as itself).
    static func open(_ location: PostgresLocation, as login: String, password: String? = nil, readOnly: Bool = false,
                     readTimeout: Duration = PostgresListings.defaultReadTimeout,
                     actingRole: String?) async throws -> PostgresCatalogue {
        let idle = milliseconds(idleTransactionTimeout), statements = milliseconds(statementTimeout)
        let work = try await ReconnectingSession.connect(to: location, as: login, password: password) { session in
            try await session.act(as: actingRole)
            try await PostgresSchema.check(session)
            try await session.readAsKioskIfKiosk()
            if readOnly { try await session.execute("SET default_transaction_read_only = on") }
            try await session.execute(PostgresQuery(unsafeSQL: "SET idle_in_transaction_session_timeout = \(idle)"))
            try await session.execute(PostgresQuery(unsafeSQL: "SET statement_timeout = \(statements)"))
        }
        do {
            let reading = try await PostgresSession.connect(to: location, as: login, password: password)
            do {
                let listings = try await PostgresListings.open(reading, readTimeout: readTimeout, readOnly: true,
                                                               thresholds: SearchTerms.Thresholds(), actingRole: actingRole)
                return PostgresCatalogue(location: location, login: login, listings: listings, lane: SessionLane(work))
            } catch {
                try? await reading.close()
                throw error
            }
        } catch {
            try? await work.last.close()
            throw error
        }
    }

    /// Closes the connections and stops the change feed.
    public func close() async {
        let feed = lock.withLock { self.feed }
        feed?.stop()
        try? await listings.sessions.last.close()
        try? await lane.sessions.last.close()
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    // MARK: Transactions

    var clearance: PostgresClearance? {
        get { lock.withLock { clearanceValue } }
        set { lock.withLock { clearanceValue = newValue } }
    }

    var delegation: PostgresDelegation? {
        get { lock.withLock { delegationValue } }
        set { lock.withLock { delegationValue = newValue } }
    }

    /// Reads in one snapshot (`REPEATABLE READ`, read-only). When the catalogue is authorized for
    /// staff work, the staff member's role is read again first, in the same snapshot;
    /// `operation` names work that needs more than the catalogue was authorized for.
    func read<T>(for operation: TernStore.Operation? = nil, _ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let clearance = clearance
        return try await lane.run { session in
            try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let transaction = PostgresTransaction(session: session, acting: nil)
                try await clearance?.check(transaction, for: operation)
                let result = try await body(transaction)
                try await session.execute("COMMIT")
                return result
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Writes in one transaction, all or nothing: the staff member's role checked first, inside
    /// it; while staff act for a student, one audit row names the applications changed.
    /// Rows read to decide a write are locked (`FOR UPDATE`) by the body, so two writers of one
    /// row take turns and the second sees the first's version.
    func write<T>(for operation: TernStore.Operation? = nil, _ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let clearance = clearance
        let acting = delegation
        return try await lane.run { session in
            try await session.execute("BEGIN")
            do {
                let transaction = PostgresTransaction(session: session, acting: acting)
                try await clearance?.check(transaction, for: operation)
                let result = try await body(transaction)
                if let acting {
                    let applications = transaction.applications
                    try await transaction.audit(
                        by: acting.staff, role: acting.role, action: "changed_as_student", student: acting.student,
                        detail: applications.count > 1 ? "applications " + applications.map(String.init).joined(separator: ", ") : nil,
                        application: applications.first)
                }
                try await session.execute("COMMIT")
                return result
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// This catalogue's change feed (LISTEN on a connection of its own), started on first use;
    /// its own commits are not news to it.
    public func changeFeed() async throws -> any ChangeFeed {
        if let feed = lock.withLock({ self.feed }) { return feed }
        let started = try await PostgresChangeFeed.start(location: location, login: login, password: lane.sessions.last.password)
        // Its own commits come from the lane's backend, which changes when it connects again.
        started.ignore(backend: try await lane.run { try await $0.backendPID() })
        let chosen: PostgresChangeFeed = lock.withLock {
            if let feed = self.feed { started.stop(); return feed }
            self.feed = started
            return started
        }
        if chosen === started { lane.sessions.onReconnect { started.ignore(backend: $0) } }
        return chosen
    }
}

/// Not yet on PostgreSQL: said in plain words, never done halfway.
func notYetOnPostgres(_ what: String) -> CatalogueError {
    .unusable("\(what) is not available on a PostgreSQL catalogue in this tern yet")
}
