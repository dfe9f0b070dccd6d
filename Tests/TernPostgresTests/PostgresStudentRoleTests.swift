import Foundation
import Testing
import StoreFixtures
import TernStore
@testable import TernPostgres

/// The catalogue as a student's own account and a kiosk's account use it: every connection acts
/// as that account's login role (``PostgresCatalogue/open(_:as:password:readOnly:readTimeout:actingRole:)``),
/// so its grants and row-level security hold, not the test account's (the owner, who bypasses
/// both). A student's session answers every question about their own records as the owner's
/// session does (which the store contract holds to SQLite's answers), and nothing about anyone
/// else's; a kiosk's reads approved open listings as the owner's does, and nothing more.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresStudentRoleTests {
    /// data/demo/students.json: demo, and students whose applications are in progress
    /// (tnguyen), delivered (tmensah) and completed and rated (jgarcia).
    static let students = ["demo", "aokafor", "tnguyen", "jgarcia", "tmensah"]
    private static let accounts = DemoAccounts()
    private static let now = Demo.now
    private static let today = Demo.today
    private static let admin = Actor(role: .staff, username: "shaddad")

    /// The demo students' logins and a kiosk's, made once per process: roles belong to the
    /// cluster (these are granted, never dropped, while tests run side by side).
    private actor DemoAccounts {
        private var made: Task<String, any Error>?

        /// The kiosk's login (named uniquely), once every account is made.
        func kiosk(at location: PostgresLocation) async throws -> String {
            if let made { return try await made.value }
            let task = Task<String, any Error> {
                let owner = try await PostgresSession.connect(to: location, as: PostgresDemo.login)
                let kiosk = FreshCatalogue.uniqueName("kiosk")
                for student in PostgresStudentRoleTests.students {
                    try await owner.execute("SELECT tern_account_grant(\(student), 'tern_student')")
                }
                try await owner.execute("SELECT tern_account_grant(\(kiosk), 'tern_kiosk')")
                try await owner.execute("SELECT tern_account_grant('rpatel', 'tern_advisor')")   // data/demo/staff.json
                try await owner.close()
                return kiosk
            }
            made = task
            return try await task.value
        }
    }

    /// Runs `body` on a fresh copy of the demo with the owner's catalogue and one acting as each
    /// of `roles`, closed after.
    private func withCatalogues<T>(acting roles: [String], readOnly: Bool = false,
                                   _ body: (PostgresCatalogue, [PostgresCatalogue], String) async throws -> T) async throws -> T {
        try await PostgresContractDemo.withCopy { location in
            let kiosk = try await Self.accounts.kiosk(at: location)
            let owner = try await PostgresCatalogue.open(location, as: PostgresDemo.login)
            var acting: [PostgresCatalogue] = []
            func close() async {
                await owner.close()
                for catalogue in acting { await catalogue.close() }
            }
            do {
                for role in roles {
                    acting.append(try await PostgresCatalogue.open(location, as: PostgresDemo.login, readOnly: readOnly,
                                                                   actingRole: role == "kiosk" ? kiosk : role))
                }
                let result = try await body(owner, acting, kiosk)
                await close()
                return result
            } catch {
                await close()
                throw error
            }
        }
    }

    /// What an admin discloses before the students read: a record read, a list narrowed to one
    /// student, and exports of every student and every application (naming no student).
    private func disclose(_ owner: PostgresCatalogue) async throws {
        let access = try await owner.authorize(.readStudentRecord, account: Demo.admin, actingFor: nil)
        for student in Self.students {
            try await owner.recordDisclosure(.viewedStudentRecord, by: access.principal, student: student, detail: "on the console",
                                             application: nil)
        }
        try await owner.recordDisclosure(.exportedStudents, by: access.principal, student: nil, detail: "50 students to a file",
                                         application: nil)
        try await owner.recordDisclosure(.exportedApplications, by: access.principal, student: nil, detail: "all to a file",
                                         application: nil)
    }

    // MARK: A student's reads

    @Test func everyReadOfAStudentsOwnRecordsGivesTheOwnersAnswerUnderTheirOwnRole() async throws {
        try await withCatalogues(acting: Self.students) { owner, acting, _ in
            try await disclose(owner)
            // Listings whose spots other students' accepted applications take.
            var taken: Set<Int64> = []
            for student in Self.students {
                for overview in try await owner.applications(ofStudent: student)
                where [.accepted, .inProgress, .delivered, .completed].contains(overview.application.status) {
                    taken.insert(overview.application.opportunityId)
                }
            }
            #expect(!taken.isEmpty, "the demo has applications that take spots")
            for (student, mine) in zip(Self.students, acting) {
                try await expectSameAnswers(for: student, owner: owner, mine: mine, taken: taken)
            }
        }
    }

    private func expectSameAnswers(for student: String, owner: PostgresCatalogue, mine: PostgresCatalogue,
                                   taken: Set<Int64>) async throws {
        let account = Account(uid: 5_000_000, login: student)
        let access = try await mine.authorize(.apply, account: account, actingFor: nil)
        #expect(try await access == (try await owner.authorize(.apply, account: account, actingFor: nil)), "\(student)")
        #expect(access.student == student)
        let actor = Actor(role: .student, username: student)

        let profile = try await mine.student(username: student)
        #expect(profile != nil)
        #expect(try await profile == (try await owner.student(username: student)), "\(student)")
        let applications = try await mine.applications(ofStudent: student)
        #expect(!applications.isEmpty)
        #expect(try await applications == (try await owner.applications(ofStudent: student)), "\(student)")
        for overview in applications {
            let id = overview.application.id, listing = overview.application.opportunityId
            #expect(try await mine.application(id, as: actor) == (try await owner.application(id, as: actor)))
            #expect(try await mine.application(ofStudent: student, to: listing) == overview.application)
            #expect(try await mine.events(of: id, as: actor) == (try await owner.events(of: id, as: actor)), "\(student) \(id)")
            #expect(try await mine.feedback(on: id, as: actor) == (try await owner.feedback(on: id, as: actor)), "\(student) \(id)")
            if overview.application.status == .withdrawn {
                #expect(try await mine.refusalToReopen(id, as: student, now: Self.now)
                        == (try await owner.refusalToReopen(id, as: student, now: Self.now)))
            }
        }
        #expect(try await mine.reopenableApplications(ofStudent: student, now: Self.now)
                == (try await owner.reopenableApplications(ofStudent: student, now: Self.now)))
        #expect(try await mine.portfolio(ofStudent: student) == (try await owner.portfolio(ofStudent: student)), "\(student)")
        #expect(try await mine.savedSearches(of: student, today: Self.today) == (try await owner.savedSearches(of: student, today: Self.today)))
        #expect(try await mine.updates(of: student, today: Self.today, now: Self.now)
                == (try await owner.updates(of: student, today: Self.today, now: Self.now)), "\(student)")
        // Staff members' names, and the exports that name no student, are theirs to see.
        let disclosures = try await mine.disclosures(ofStudent: student, limit: 1_000)
        #expect(try await disclosures == (try await owner.disclosures(ofStudent: student, limit: 1_000)), "\(student)")
        #expect(disclosures.prefix(3).map(\.what) == [AuditedAction.exportedApplications.disclosedToStudent,
                                                      AuditedAction.exportedStudents.disclosedToStudent,
                                                      AuditedAction.viewedStudentRecord.disclosedToStudent], "\(student)")
        #expect(disclosures.first?.name == "Sara Haddad", "data/demo/staff.json: shaddad")
        #expect(try await mine.disclosures(ofStudent: student, limit: 2) == Array(disclosures.prefix(2)))

        // Their listings: saved, fitted, each with its fit, its spots and whether they may apply.
        for query in [OpportunityQuery(), OpportunityQuery(savedBy: student), OpportunityQuery(sort: .match, matchFor: student),
                      OpportunityQuery(words: "data", sort: .relevance)] {
            let page = try await mine.opportunities(matching: query, after: nil, limit: 30, today: Self.today)
            #expect(try await page == (try await owner.opportunities(matching: query, after: nil, limit: 30, today: Self.today)), "\(student) \(query)")
            #expect(try await mine.countOpportunities(matching: query, today: Self.today)
                    == (try await owner.countOpportunities(matching: query, today: Self.today)))
        }
        let listed = try await mine.opportunities(matching: OpportunityQuery(), after: nil, limit: 8, today: Self.today).map(\.id)
        for id in Set(listed + applications.map(\.application.opportunityId)).sorted() {
            #expect(try await mine.opportunity(id: id) == (try await owner.opportunity(id: id)))
            #expect(try await mine.fit(of: id, for: student) == (try await owner.fit(of: id, for: student)), "\(student) \(id)")
            #expect(try await mine.isSaved(id, by: student) == (try await owner.isSaved(id, by: student)))
            #expect(try await mine.refusalToApply(as: student, to: id, now: Self.now)
                    == (try await owner.refusalToApply(as: student, to: id, now: Self.now)), "\(student) \(id)")
            let spots = try await mine.spotsTaken(on: id)
            #expect(try await spots == (try await owner.spotsTaken(on: id)), "\(student) \(id)")
            #expect(!taken.contains(id) || spots > 0)
        }
        for id in taken {
            #expect(try await mine.spotsTaken(on: id) == (try await owner.spotsTaken(on: id)), "other students' places on \(id)")
        }
    }

    @Test func anotherStudentsRecordsStayInvisibleToAStudentsRole() async throws {
        try await withCatalogues(acting: ["demo"]) { owner, acting, _ in
            try await disclose(owner)
            let demo = acting[0]
            let other = "aokafor", actor = Actor(role: .student, username: "aokafor")
            let theirs = try await owner.applications(ofStudent: other)
            #expect(!theirs.isEmpty)
            #expect(try await !owner.disclosures(ofStudent: other, limit: 100).isEmpty)
            #expect(try await demo.student(username: other) == nil)
            #expect(try await demo.applications(ofStudent: other) == [])
            #expect(try await demo.disclosures(ofStudent: other, limit: 100) == [])
            #expect(try await demo.savedSearches(of: other, today: Self.today) == [])
            #expect(try await demo.updates(of: other, today: Self.today, now: Self.now) == [])
            #expect(try await demo.portfolio(ofStudent: other) == [])
            #expect(try await demo.countOpportunities(matching: OpportunityQuery(savedBy: other), today: Self.today) == 0)
            for overview in theirs {
                let id = overview.application.id
                #expect(try await demo.application(ofStudent: other, to: overview.application.opportunityId) == nil)
                await #expect(throws: CatalogueError.notFound("application \(id)")) { _ = try await demo.application(id, as: actor) }
                await #expect(throws: CatalogueError.notFound("application \(id)")) { _ = try await demo.events(of: id, as: actor) }
                await #expect(throws: CatalogueError.notFound("application \(id)")) {
                    _ = try await demo.move(id, to: .withdrawn, by: actor, expectedVersion: overview.application.version, note: nil, now: Self.now)
                }
            }
            let listing = try #require(try await owner.opportunities(matching: OpportunityQuery(), after: nil, limit: 1, today: Self.today).first)
            await #expect(throws: CatalogueError.refused("no student profile for aokafor; ask the career center to create one")) {
                _ = try await demo.apply(as: other, to: listing.id, coverNote: "Hi", portfolioLink: nil, hoursOffered: 3, now: Self.now)
            }
            #expect(try await owner.applications(ofStudent: other) == theirs)
        }
    }

    // MARK: A student's writes

    /// The same writes, made by the owner on one copy and by each student's own role on another,
    /// give the same records.
    @Test func aStudentsOwnWritesGoThroughUnderTheirRoleAsTheOwnersDo() async throws {
        let byOwner = try await withCatalogues(acting: []) { owner, _, _ in
            try await studentWrites(owner: owner, as: { _ in owner })
        }
        let byStudents = try await withCatalogues(acting: ["demo", "tnguyen", "tmensah"]) { owner, acting, _ in
            let written = try await studentWrites(owner: owner, as: { acting[["demo", "tnguyen", "tmensah"].firstIndex(of: $0)!] })
            // What the student wrote, the owner reads back; the histories' chains hold.
            let demo = try #require(written.first?.base as? Student)
            #expect(try await owner.student(username: "demo") == demo)
            return written
        }
        #expect(byStudents.count == byOwner.count)
        for (mine, owners) in zip(byStudents, byOwner) {
            #expect(mine == owners)
        }
    }

    /// Every write a student makes, in order; what each returned (or refused).
    private func studentWrites(owner: PostgresCatalogue, as store: (String) -> PostgresCatalogue) async throws -> [AnyHashable] {
        var results: [AnyHashable] = []
        let demo = store("demo")
        let me = try #require(try await demo.student(username: "demo"))
        // A skill the catalogue does not know yet, and one it knows in another case.
        results.append(try await demo.updateProfile(of: "demo", skills: me.skills + [StudentSkill(name: "Zine Layout", level: .beginner),
                                                                                   StudentSkill(name: "PYTHON", level: .expert)],
                                                    interests: [.design, .marketing], hoursPerWeek: 9, expectedVersion: me.version,
                                                    now: Self.now))
        var listing: Int64?
        for summary in try await demo.opportunities(matching: OpportunityQuery(), after: nil, limit: 100, today: Self.today)
        where listing == nil {
            if try await demo.refusalToApply(as: "demo", to: summary.id, now: Self.now) == nil { listing = summary.id }
        }
        let target = try #require(listing)
        let applied = try await demo.apply(as: "demo", to: target, coverNote: "I write well.", portfolioLink: nil, hoursOffered: 6,
                                           now: Self.now)
        let withdrawn = try await demo.move(applied.id, to: .withdrawn, by: Actor(role: .student, username: "demo"),
                                            expectedVersion: applied.version, note: "changed my mind", now: Self.now)
        let reopened = try await demo.reopen(applied.id, by: "demo", expectedVersion: withdrawn.version, now: Self.now)
        results.append(applied)
        results.append(withdrawn)
        results.append(reopened)
        results.append(try await demo.events(of: applied.id, as: Actor(role: .student, username: "demo")))
        try await demo.setSaved(target, true, by: "demo", now: Self.now)
        results.append(try await demo.isSaved(target, by: "demo"))
        let search = try await demo.saveSearch(named: "Writing", query: OpportunityQuery(words: "writ"), for: "demo", now: Self.now)
        try await demo.markSeen(savedSearch: search.id, by: "demo", now: Self.now)
        results.append(try await demo.savedSearches(of: "demo", today: Self.today))
        try await demo.deleteSavedSearch(search.id, by: "demo")
        try await demo.markUpdatesRead(of: "demo", upTo: Self.now)
        results.append(try await demo.updates(of: "demo", today: Self.today, now: Self.now))

        let tnguyen = store("tnguyen")
        let working = try #require(try await tnguyen.applications(ofStudent: "tnguyen").first { $0.application.status == .inProgress }).application
        let delivered = try await tnguyen.deliver(working.id, by: "tnguyen", link: "https://drive.example/report",
                                                  expectedVersion: working.version, now: Self.now)
        results.append(delivered)
        results.append(try await tnguyen.correctDeliverableLink(working.id, by: "tnguyen", link: "https://drive.example/v2",
                                                                expectedVersion: delivered.version, now: Self.now))

        let tmensah = store("tmensah")
        let waiting = try #require(try await owner.applications(ofStudent: "tmensah").first { $0.application.status == .delivered }).application
        _ = try await owner.move(waiting.id, to: .completed, by: Self.admin, expectedVersion: waiting.version, note: nil, now: Self.now)
        results.append(try await tmensah.rateOrganization(application: waiting.id, by: "tmensah", rating: 4, strengths: "Clear brief",
                                                          improvements: nil, comment: "Thanks", now: Self.now))
        results.append(try await tmensah.feedback(on: waiting.id, as: Actor(role: .student, username: "tmensah")))
        results.append(try await tmensah.portfolio(ofStudent: "tmensah"))
        do {
            _ = try await tmensah.rateOrganization(application: waiting.id, by: "tmensah", rating: 5, strengths: nil, improvements: nil,
                                                   comment: nil, now: Self.now)
            results.append("rated twice")
        } catch let error as CatalogueError {
            results.append(String(describing: error))
        }
        // The histories, written by students who cannot read them whole, still chain.
        let session = try await PostgresSession.connect(to: owner.location, as: PostgresDemo.login)
        #expect(try await PostgresCopyVerification.historyChains(session) > 0)
        try await session.close()
        return results
    }

    // MARK: The kiosk

    @Test func aKioskAccountReadsApprovedOpenListingsAsTheOwnerDoesAndNothingElse() async throws {
        try await withCatalogues(acting: ["kiosk"], readOnly: true) { owner, acting, login in
            let kiosk = acting[0]
            let access = try await kiosk.authorize(.kiosk, account: Account(uid: 5_000_001, login: login), actingFor: nil)
            #expect(access.student == nil && !access.principal.isStaff)

            // One listing of each kind a kiosk must never show, all with one word of their own.
            let session = try await PostgresSession.connect(to: owner.location, as: PostgresDemo.login)
            try await session.run("""
                INSERT INTO settings (key, value) VALUES ('apply_link', 'https://careers.example/apply/{ref}')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
            try await session.run("""
                INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                    compensation_kind, location_kind, status, approval, posted_at, updated_at)
                SELECT 'hidden-' || kind, (SELECT min(id) FROM organizations), 'Zyzzyva ' || kind, 'design', 5, 5, 'fixed',
                       '2099-01-31', 'unpaid', 'remote', status, approval, '2099-01-01T09:00:00Z', '2099-01-01T09:00:00Z'
                FROM (VALUES ('pending', 'open', 'pending'), ('draft', 'draft', 'approved'), ('closed', 'closed', 'approved'),
                             ('declined', 'open', 'declined')) AS k(kind, status, approval)
                """)
            let hidden = try await session.column("SELECT id::text FROM opportunities WHERE ref LIKE 'hidden-%' ORDER BY id")
                .compactMap { $0.flatMap(Int64.init) }
            try await session.close()
            #expect(hidden.count == 4)
            for id in hidden {
                #expect(try await owner.opportunity(id: id) != nil)
                #expect(try await kiosk.opportunity(id: id) == nil, "listing \(id)")
                #expect(try await kiosk.approval(ofListing: id) == nil)
                #expect(try await kiosk.spotsTaken(on: id) == 0)
            }
            #expect(try await kiosk.opportunity(ref: "hidden-pending") == nil)
            for words in ["zyzzyva", "zyz"] {
                let query = OpportunityQuery(words: words, includeClosed: true)
                #expect(try await kiosk.countOpportunities(matching: query, today: Self.today) == 0)
                #expect(try await owner.countOpportunities(matching: query, today: Self.today) == 1, "the closed one")
            }

            // What the kiosk pages, counts and searches: the owner's answers.
            let queries = [OpportunityQuery(sort: .deadline), OpportunityQuery(sort: .newest), OpportunityQuery(words: "data", sort: .deadline),
                           OpportunityQuery(words: "de", fields: [.design], sort: .deadline), OpportunityQuery(words: "market research"),
                           OpportunityQuery(sort: .pay), OpportunityQuery(sort: .hours)]
            var shown: Set<Int64> = []
            for query in queries {
                #expect(try await kiosk.countOpportunities(matching: query, today: Self.today)
                        == (try await owner.countOpportunities(matching: query, today: Self.today)), "\(query)")
                var cursor: OpportunityCursor?
                for _ in 0..<3 {
                    let page = try await kiosk.opportunities(matching: query, after: cursor, limit: 7, today: Self.today)
                    #expect(try await page == (try await owner.opportunities(matching: query, after: cursor, limit: 7, today: Self.today)), "\(query)")
                    shown.formUnion(page.map(\.id))
                    guard let last = page.last else { break }
                    cursor = last.cursor
                }
                #expect(try await kiosk.opportunities(matching: query, offset: 5, limit: 5, today: Self.today)
                        == (try await owner.opportunities(matching: query, offset: 5, limit: 5, today: Self.today)))
                if let id = shown.first {
                    #expect(try await kiosk.position(of: id, matching: query, today: Self.today)
                            == (try await owner.position(of: id, matching: query, today: Self.today)))
                }
            }
            #expect(shown.count > 10)
            // Each listing shown: its detail, organization, spots and apply link.
            for id in shown.sorted() {
                let listing = try #require(try await kiosk.opportunity(id: id))
                #expect(try await listing == (try await owner.opportunity(id: id)))
                #expect(try await kiosk.opportunity(ref: listing.ref) == listing)
                #expect(try await kiosk.approval(ofListing: id) == .approved)
                #expect(try await kiosk.organization(named: listing.organization) == (try await owner.organization(named: listing.organization)))
                #expect(try await kiosk.spotsTaken(on: id) == (try await owner.spotsTaken(on: id)))
                #expect(try await kiosk.applyLink(for: listing.ref) == (try await owner.applyLink(for: listing.ref)))
            }
            #expect(try await kiosk.applyLink(for: "x") == "https://careers.example/apply/x")
            #expect(try await kiosk.homeCurrency() == (try await owner.homeCurrency()))

            // Nothing personal, nothing written.
            await #expect(throws: CatalogueError.self) { _ = try await kiosk.applications(ofStudent: "demo") }
            await #expect(throws: CatalogueError.self) { _ = try await kiosk.disclosures(ofStudent: "demo", limit: 10) }
            await #expect(throws: CatalogueError.self) { try await kiosk.setSaved(shown.first ?? 1, true, by: "demo", now: Self.now) }
        }
    }

    // MARK: Staff

    /// Row-level security on the staff list (schema v5) keeps staff's own reads whole: their
    /// standing, every student's disclosures, every listing's spots.
    @Test func anAdvisorsAccountStillReadsTheStaffListAndEveryStudentsDisclosures() async throws {
        try await withCatalogues(acting: ["rpatel"]) { owner, acting, _ in
            try await disclose(owner)
            let advisor = acting[0]
            let access = try await advisor.authorize(.readStudentRecord, account: Demo.advisor, actingFor: nil)
            #expect(access.principal.staffRole == .advisor)
            try await advisor.checkStanding(for: .readStudentRecord)
            for student in Self.students {
                let disclosures = try await advisor.disclosures(ofStudent: student, limit: 1_000)
                #expect(!disclosures.isEmpty)
                #expect(try await disclosures == owner.disclosures(ofStudent: student, limit: 1_000), "\(student)")
                for overview in try await owner.applications(ofStudent: student) {
                    let id = overview.application.opportunityId
                    #expect(try await advisor.spotsTaken(on: id) == (try await owner.spotsTaken(on: id)))
                }
            }
        }
    }

    // MARK: What the schema grants

    @Test func aStudentClearsARejectionReasonCodeButNeverGivesOne() async throws {
        try await FreshCatalogue.withLogins(["amy", "bob"], granted: "tern_student") { session, logins in
            try await session.run(PostgresAccessTests.twoStudents(logins[0], logins[1]))
            try await session.run("INSERT INTO staff (username, name, role) VALUES ('mokafor', 'Mina Okafor', 'advisor')")
            try await session.run("UPDATE applications SET status_reason_code = 'other' WHERE id = 1")
            try await session.run("SET ROLE \(logins[0])")
            try await session.run("UPDATE applications SET status_reason_code = NULL WHERE id = 1")
            await #expect(throws: CatalogueError.notPermitted("\(TestCluster.login) may not do that in this catalogue")) {
                try await session.run("UPDATE applications SET status_reason_code = 'other' WHERE id = 1")
            }
            // Still nothing of Bob's: his disclosures and his standing are not hers to read.
            #expect(try await session.value("SELECT count(*) FROM student_disclosures WHERE student <> '\(logins[0])'") == "0")
            #expect(try await session.value("SELECT count(*) FROM staff") == "0")
            try await session.run("RESET ROLE")
            #expect(try await session.value("SELECT coalesce(status_reason_code, 'none') FROM applications WHERE id = 1") == "none")
        }
    }

    @Test func theKioskSchemaHoldsOnlyViewsAndNobodyElseReadsThem() async throws {
        try await FreshCatalogue.migrated { session in
            let kinds = try await session.column("""
                SELECT DISTINCT c.relkind::text FROM pg_class c WHERE c.relnamespace = 'tern_kiosk'::regnamespace
                """)
            #expect(kinds == ["v"])
            let readers = try await session.column("""
                SELECT DISTINCT r.rolname::text FROM pg_class c CROSS JOIN pg_roles r
                WHERE c.relnamespace = 'tern_kiosk'::regnamespace AND r.rolname LIKE 'tern\\_%'
                  AND has_schema_privilege(r.oid, 'tern_kiosk', 'USAGE') AND has_table_privilege(r.oid, c.oid, 'SELECT')
                """)
            #expect(readers == ["tern_kiosk"])
        }
    }
}
