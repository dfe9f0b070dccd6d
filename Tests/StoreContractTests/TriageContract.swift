import Foundation
import Testing
import StoreFixtures
import TernStore

/// The staff console's store (``TriageStore``) method by method: the queue under each kind of
/// limit with its counts and "which of these are shown", bulk moves and their undo with every
/// refusal in its words, claims, notes, decisions and feedback entered for organizations, a
/// student's record, saved views, the report and the taken-down queue's size. Every back end
/// gives the SQLite catalogue's answers; where the answer depends on the demo's data, the
/// back ends are opened side by side and compared.
@Suite struct TriageContract {
    private func session(_ store: any CatalogueStore, _ account: Account = Demo.admin,
                         _ operation: TernStore.Operation = .triageConsole) async throws -> TriageSession {
        try await store.triageSession(for: try await store.authorize(operation, account: account, actingFor: nil))
    }

    private func queue(_ store: any CatalogueStore, _ filter: TriageFilter, order: TriageOrder = .oldestFirst, viewer: String? = nil,
                       now: Date = Demo.now) async throws -> [TriageRow] {
        let page = try await store.triageQueue(filter, after: nil, order: order, limit: 1_000, offerWaitDays: nil, viewer: viewer, now: now)
        #expect(page.next == nil)
        return page.rows
    }

    /// A moment after the demo's newest row on any back end (a seeding may follow `Demo.now`),
    /// for writes whose place in a history is checked.
    private func soon() -> Date { Date().addingTimeInterval(120) }

    private func first(_ store: any CatalogueStore, _ status: ApplicationStatus) async throws -> TriageRow {
        try #require(try await queue(store, TriageFilter(statuses: [status])).first, "the demo has an application in \(status)")
    }

    /// The application's row as the queue shows it now, whatever its status.
    private func row(_ store: any CatalogueStore, _ id: Int64, of student: String) async throws -> TriageRow {
        let all = try await queue(store, TriageFilter(statuses: ApplicationStatus.allCases, student: student))
        return try #require(all.first { $0.id == id })
    }

    /// Limits of every kind, built from the demo's own rows (an organization's prefix in another
    /// case, a word of a title in capitals), so each one selects something.
    private func limits(_ store: any CatalogueStore) async throws -> [TriageFilter] {
        let sample = try #require(try await queue(store, TriageFilter(statuses: [.submitted, .underReview, .shortlisted])).first)
        let field = try #require(sample.field)
        let word = try #require(sample.opportunityTitle.split(separator: " ").map(String.init).max { $0.count < $1.count })
        return [
            TriageFilter(), TriageFilter(statuses: [.submitted]), TriageFilter(statuses: TriageFilter.needingAction),
            TriageFilter(statuses: ApplicationStatus.allCases), TriageFilter(fields: [field]),
            TriageFilter(organization: String(sample.organization.prefix(3)).lowercased()),
            TriageFilter(statuses: ApplicationStatus.allCases, student: sample.studentUsername),
            TriageFilter(statuses: ApplicationStatus.allCases, opportunityRef: sample.opportunityRef),
            TriageFilter(words: [word.uppercased()]), TriageFilter(olderThanDays: 10), TriageFilter(youngerThanDays: 10),
            try TriageFilter(pattern: TriageFilter.takenDownTerm), try TriageFilter(pattern: "organization:\"50%_off\""),
        ]
    }

    @Test(arguments: BackEnd.all)
    func aSessionNamesTheStaffMemberAsTheStaffListDoes(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        // data/demo/staff.json: shaddad is Sara Haddad, an admin; rpatel is Ritu Patel, an advisor.
        let admin = try await session(opened.store)
        #expect(admin.username == "shaddad" && admin.name == "Sara Haddad" && admin.auditRole == "admin")
        let advisor = try await session(opened.store, Demo.advisor)
        #expect(advisor.username == "rpatel" && advisor.name == "Ritu Patel" && advisor.auditRole == "advisor")
        #expect(admin.id != advisor.id)
    }

    @Test(arguments: BackEnd.all)
    func everyLimitPagesCountsAndShowsTheSameRows(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let everything = try await queue(store, TriageFilter(statuses: ApplicationStatus.allCases))
        for filter in try await limits(store) {
            for order in [TriageOrder.oldestFirst, .newestFirst] {
                let whole = try await queue(store, filter, order: order)
                let keys = whole.map { ($0.updatedAt, $0.id) }
                #expect(zip(keys, keys.dropFirst()).allSatisfy { order == .oldestFirst ? $0 < $1 : $0 > $1 }, "\(filter)")
                var walked: [TriageRow] = []
                var cursor: TriageCursor?
                repeat {
                    let page = try await store.triageQueue(filter, after: cursor, order: order, limit: 3, offerWaitDays: nil,
                                                           viewer: nil, now: Demo.now)
                    #expect(page.rows.count <= 3)
                    walked += page.rows
                    cursor = page.next
                } while cursor != nil
                #expect(walked.map(\.id) == whole.map(\.id), "\(filter) \(order)")
            }
            let whole = try await queue(store, filter)
            let counts = try await store.triageCount(filter, offerWaitDays: nil, now: Demo.now)
            #expect(counts.values.reduce(0, +) == whole.count, "\(filter)")
            for (status, count) in counts { #expect(whole.filter { $0.status == status }.count == count, "\(filter) \(status)") }
            let shown = try await store.triageShown(everything.map(\.id) + [999_999], filter: filter, offerWaitDays: nil, now: Demo.now)
            #expect(shown == Set(whole.map(\.id)), "\(filter)")
            // Each row meets the limit it was read under.
            for row in whole {
                if !filter.statuses.isEmpty { #expect(filter.statuses.contains(row.status)) }
                if !filter.fields.isEmpty { #expect(row.field.map(filter.fields.contains) == true) }
                if let prefix = filter.organization { #expect(row.organization.lowercased().hasPrefix(prefix.lowercased())) }
                if let student = filter.student { #expect(row.studentUsername == student) }
                if let ref = filter.opportunityRef { #expect(row.opportunityRef == ref) }
                for word in filter.words {
                    #expect([row.opportunityTitle, row.organization, row.studentName, row.studentUsername]
                        .contains { $0.lowercased().contains(word.lowercased()) })
                }
            }
        }
        #expect(try await store.triageShown([], filter: TriageFilter(), offerWaitDays: nil, now: Demo.now).isEmpty)
        // A limit wants at least one row, and at most a thousand.
        let one = try await store.triageQueue(TriageFilter(), after: nil, order: .oldestFirst, limit: 0, offerWaitDays: nil,
                                              viewer: nil, now: Demo.now)
        #expect(one.rows.count == 1 && one.next != nil)
    }

    /// The queue, its counts, the report and the taken-down queue's size, on each back end as
    /// on SQLite. `now` sits half a day off the demo's whole days, so both seedings agree on
    /// every "older than" however many seconds apart they were made.
    @Test func everyBackEndReadsTheQueueAndTheReportAsSQLiteDoes() async throws {
        var opened: [(BackEnd, OpenedStore)] = []
        for backEnd in BackEnd.all { opened.append((backEnd, try await backEnd.openDemo())) }
        defer { withExtendedLifetime(opened) {} }
        let now = Date().addingTimeInterval(43_200)
        struct Answers {
            /// Per limit (and offer wait): the rows as text, then the counts.
            var queue: [String: [String]] = [:]
            var counts: [String: [ApplicationStatus: Int]] = [:]
            var report: [String] = []
            var takenDown = 0
        }
        var answers: [(BackEnd, Answers)] = []
        for (backEnd, store) in opened {
            let store = store.store
            var answer = Answers()
            for filter in try await limits(store) {
                for wait in [nil, 3] as [Int?] {
                    let key = "\(filter) offers waiting \(String(describing: wait))"
                    let page = try await store.triageQueue(filter, after: nil, order: .newestFirst, limit: 1_000, offerWaitDays: wait,
                                                           viewer: nil, now: now)
                    answer.queue[key] = page.rows.map {
                        "\($0.id) \($0.status) v\($0.version) \($0.waitingDays)d \($0.studentUsername) \($0.studentName) \($0.opportunityRef) "
                            + "\($0.opportunityTitle) \($0.organization) \(String(describing: $0.field)) \(String(describing: $0.claimedBy))"
                    }
                    answer.counts[key] = try await store.triageCount(filter, offerWaitDays: wait, now: now)
                }
            }
            let report = try await store.placementReport(since: nil, now: now)
            answer.report = [
                "\(report.perStatus.map { "\($0.status):\($0.count)" })", "\(String(describing: report.medianDaysToDecision))",
                "\(report.medianDaysToDecisionByOrganization.map { "\($0.group) \($0.days) \($0.decided)" })",
                "\(report.placementByField.map { "\($0.group) \($0.placed)/\($0.applications)" })",
                "\(report.placementByOrganization.map { "\($0.group) \($0.placed)/\($0.applications)" })",
                "\(report.listingsWithoutApplicants) \(report.listingsWithoutApplicantsSample)",
                "\(report.studentsWithoutRecentApplication)",
                "\(String(describing: report.postingDecisions?.map { "\($0.decision) \($0.reason) \($0.count)" }))",
                "\(report.applicationsPerWeek) \(report.decisionsPerWeek) \(report.trendWeekStarts.count)",
            ]
            answer.takenDown = try await store.takenDownWithWorkUnderWay()
            answers.append((backEnd, answer))
        }
        let sqlite = try #require(answers.first { $0.0 == .sqlite }?.1)
        #expect(sqlite.queue.values.contains { !$0.isEmpty })
        for (backEnd, answer) in answers where backEnd != .sqlite {
            #expect(answer.queue.keys.sorted() == sqlite.queue.keys.sorted())
            for key in sqlite.queue.keys.sorted() {
                #expect(answer.queue[key] == sqlite.queue[key], "\(backEnd): \(key)")
                #expect(answer.counts[key] == sqlite.counts[key], "\(backEnd): \(key)")
            }
            for (mine, theirs) in zip(answer.report, sqlite.report) { #expect(mine == theirs, "\(backEnd)") }
            #expect(answer.takenDown == sqlite.takenDown, "\(backEnd)")
        }
    }

    @Test(arguments: BackEnd.all)
    func theReportCountsWhatTheQueueHolds(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let report = try await store.placementReport(since: nil, now: Demo.now)
        let counts = try await store.triageCount(TriageFilter(statuses: ApplicationStatus.allCases), offerWaitDays: nil, now: Demo.now)
        #expect(report.perStatus.map(\.status) == ApplicationStatus.allCases.filter { counts[$0, default: 0] > 0 })
        for (status, count) in report.perStatus { #expect(counts[status] == count) }
        #expect(report.placementByField.map(\.applications).reduce(0, +) == counts.values.reduce(0, +))
        #expect(report.applicationsPerWeek.count == PlacementReport.trendWeeks && report.decisionsPerWeek.count == PlacementReport.trendWeeks)
        #expect(report.trendEnd == Timestamp.string(Demo.now))
        #expect(report.medianDaysToDecision.map { $0 > 0 } == true)
        let later = try await store.placementReport(since: Demo.now.addingTimeInterval(86_400), now: Demo.now)
        #expect(later.perStatus.isEmpty && later.medianDaysToDecision == nil && later.placementByField.isEmpty)
        #expect(later.since == Timestamp.string(Demo.now.addingTimeInterval(86_400)))

        let takenDown = try await store.triageCount(try TriageFilter(pattern: TriageFilter.takenDownTerm), offerWaitDays: nil, now: Demo.now)
        #expect(try await store.takenDownWithWorkUnderWay() == takenDown.values.reduce(0, +))
    }

    @Test(arguments: BackEnd.all)
    func aBulkMoveIsRefusedInWordsAndItsUndoPutsBackTheTimeWaited(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store)
        let submitted = try await queue(store, TriageFilter(statuses: [.submitted]))
        let completed = try await first(store, .completed)
        let a = try #require(submitted.first), b = submitted[1]
        let targets = [ApplicationVersion(id: a.id, version: a.version), ApplicationVersion(id: b.id, version: b.version)]
        func move(_ targets: [ApplicationVersion], to next: ApplicationStatus, reason: RejectionReason? = nil,
                  note: MoveNote? = nil, in mover: TriageSession? = nil) async throws -> TriageAction {
            try await store.bulkMove(targets, to: next, session: mover ?? session, reason: reason, note: note, now: Demo.now)
        }
        await #expect(throws: CatalogueError.invalid("no applications to move")) { _ = try await move([], to: .underReview) }
        await #expect(throws: CatalogueError.invalid("an application is named twice")) {
            _ = try await move([targets[0], targets[0]], to: .underReview)
        }
        await #expect(throws: CatalogueError.invalid("rejecting needs a reason: skills-mismatch, position-filled, deadline-passed, incomplete-application or other:TEXT")) {
            _ = try await move(targets, to: .rejected)
        }
        await #expect(throws: CatalogueError.invalid("a reason goes only with a rejection")) {
            _ = try await move(targets, to: .underReview, reason: .positionFilled)
        }
        await #expect(throws: CatalogueError.changedSinceOpened(application: b.id, now: .submitted)) {
            _ = try await move([targets[0], ApplicationVersion(id: b.id, version: b.version + 1)], to: .underReview)
        }
        await #expect(throws: CatalogueError.refused("application \(completed.id) cannot move from completed to under_review; nothing was moved")) {
            _ = try await move(targets + [ApplicationVersion(id: completed.id, version: completed.version)], to: .underReview)
        }
        await #expect(throws: CatalogueError.notFound("application 999999")) {
            _ = try await move([ApplicationVersion(id: 999_999, version: 1)], to: .underReview)
        }
        await #expect(throws: CatalogueError.refused("nothing to undo in this session")) {
            _ = try await store.undoLast(session: session, now: Demo.now)
        }
        #expect(try await row(store, a.id, of: a.studentUsername) == a)

        let later = soon()
        let action = try await store.bulkMove(targets, to: .rejected, session: session, reason: .positionFilled,
                                              note: MoveNote("strong work; apply again", visibility: .staff), now: later)
        #expect(action.status == .rejected && action.applications.map(\.id) == [a.id, b.id])
        #expect(action.applications.allSatisfy { $0.status == .rejected && $0.updatedAt == Timestamp.string(later) })
        #expect(action.applications.map(\.version) == [a.version + 1, b.version + 1])
        let record = try await store.studentRecord(a.studentUsername, session: session, now: later)
        let events = try #require(record.applications.first { $0.overview.id == a.id }).events
        let rejection = try #require(events.first { $0.toStatus == .rejected })
        #expect(rejection.fromStatus == ApplicationStatus.submitted && rejection.reasonCode == RejectionReason.Code.positionFilled)
        #expect(rejection.note == RejectionReason.positionFilled.text && rejection.actorUsername == "shaddad")
        let staffNote = events.first { $0.note == "strong work; apply again" }
        #expect(staffNote?.visibility == Visibility.staff && staffNote?.toStatus == nil)

        let undone = try await store.undoLast(session: session, now: later)
        #expect(undone.map(\.id) == [a.id, b.id].sorted())
        for original in [a, b] {
            let now = try await row(store, original.id, of: original.studentUsername)
            #expect(now.status == .submitted && now.updatedAt == original.updatedAt && now.version == original.version + 2)
        }
        let after = try await store.studentRecord(a.studentUsername, session: session, now: later)
        #expect(try #require(after.applications.first { $0.overview.id == a.id }).events.last?.note == "undone: moved back to submitted")
        await #expect(throws: CatalogueError.refused("nothing to undo in this session")) {
            _ = try await store.undoLast(session: session, now: later)
        }

        // Someone else moves one of them after this session did: the undo is refused, naming it.
        let fresh = try await row(store, a.id, of: a.studentUsername)
        _ = try await move([ApplicationVersion(id: fresh.id, version: fresh.version)], to: .underReview)
        let other = try await self.session(store)
        let moved = try await row(store, a.id, of: a.studentUsername)
        _ = try await move([ApplicationVersion(id: moved.id, version: moved.version)], to: .shortlisted, in: other)
        await #expect(throws: CatalogueError.refused("cannot undo: application \(a.id) was changed since (it is now shortlisted); nothing was undone")) {
            _ = try await store.undoLast(session: session, now: later)
        }
        #expect(try await row(store, a.id, of: a.studentUsername).status == .shortlisted)
    }

    @Test(arguments: BackEnd.all)
    func aClaimLastsFiveMinutesAndOnlyItsHolderLetsItGo(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let admin = try await session(store)
        let advisor = try await session(store, Demo.advisor)
        let target = try await first(store, .submitted)
        let held = try await store.claim(target.id, session: admin, now: Demo.now)
        #expect(held == Claim(applicationID: target.id, staffUsername: "shaddad", staffName: "Sara Haddad",
                              expiresAt: Timestamp.string(Demo.now.addingTimeInterval(300))))
        #expect(try await store.claim(on: target.id, now: Demo.now) == held)
        #expect(try await store.claim(on: target.id, now: Demo.now.addingTimeInterval(300)) == nil)
        // Someone else opening it meanwhile is told who has it, and sees it in the queue.
        #expect(try await store.claim(target.id, session: advisor, now: Demo.now.addingTimeInterval(60)) == held)
        let seen = try await queue(store, TriageFilter(statuses: [.submitted]), viewer: "rpatel")
        #expect(seen.first { $0.id == target.id }?.claimedBy == "Sara Haddad")
        #expect(try await queue(store, TriageFilter(statuses: [.submitted]), viewer: "shaddad").first { $0.id == target.id }?.claimedBy == nil)
        // Reopening your own claim renews it.
        let renewed = try await store.claim(target.id, session: admin, now: Demo.now.addingTimeInterval(120))
        #expect(renewed.expiresAt == Timestamp.string(Demo.now.addingTimeInterval(420)))
        try await store.release(target.id, session: advisor)
        #expect(try await store.claim(on: target.id, now: Demo.now) == renewed)
        try await store.release(target.id, session: admin)
        #expect(try await store.claim(on: target.id, now: Demo.now) == nil)
        // Once a claim has run out, the next opener takes it.
        _ = try await store.claim(target.id, session: admin, now: Demo.now)
        let taken = try await store.claim(target.id, session: advisor, now: Demo.now.addingTimeInterval(300))
        #expect(taken.staffUsername == "rpatel" && taken.staffName == "Ritu Patel")
        await #expect(throws: CatalogueError.notFound("application 999999")) {
            _ = try await store.claim(999_999, session: admin, now: Demo.now)
        }
    }

    @Test(arguments: BackEnd.all)
    func notesGoIntoTheHistoryAndStudentsWriteNoStaffOnlyOnes(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store)
        let target = try await first(store, .underReview)
        let now = soon()
        try await store.addNote(target.id, by: session.actor, note: "asked for references", visibility: .staff, now: now)
        try await store.addNote(target.id, by: Actor(role: .student, username: target.studentUsername), note: "happy to send them",
                                visibility: .shared, now: now)
        let record = try await store.studentRecord(target.studentUsername, session: session, now: Demo.now)
        let events = try #require(record.applications.first { $0.overview.id == target.id }).events
        #expect(events.suffix(2).map { "\($0.actorRole) \($0.actorUsername) \($0.visibility) \($0.note ?? "")" } == [
            "staff shaddad staff asked for references", "student \(target.studentUsername) shared happy to send them",
        ])
        #expect(record.staffNotes.contains { $0.note == "asked for references" })
        #expect(try await row(store, target.id, of: target.studentUsername) == target)

        await #expect(throws: CatalogueError.notPermitted("students cannot write staff-only notes")) {
            try await store.addNote(target.id, by: Actor(role: .student, username: target.studentUsername), note: "x", visibility: .staff, now: Demo.now)
        }
        let stranger = target.studentUsername == "aokafor" ? "mchen" : "aokafor"
        await #expect(throws: CatalogueError.notFound("application \(target.id)")) {
            try await store.addNote(target.id, by: Actor(role: .student, username: stranger), note: "x", visibility: .shared, now: Demo.now)
        }
        await #expect(throws: CatalogueError.notFound("application 999999")) {
            try await store.addNote(999_999, by: session.actor, note: "x", visibility: .staff, now: Demo.now)
        }
    }

    @Test(arguments: BackEnd.all)
    func anOrganizationsDecisionAndFeedbackAreItsOwnEnteredByStaff(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store)
        let shortlisted = try await first(store, .shortlisted)
        let now = soon()
        await #expect(throws: CatalogueError.invalid("rejecting needs a reason")) {
            _ = try await store.recordForOrganization(shortlisted.id, to: .rejected, expectedVersion: shortlisted.version, session: session,
                                                      reason: nil, now: now)
        }
        await #expect(throws: CatalogueError.changedSinceOpened(application: shortlisted.id, now: .shortlisted)) {
            _ = try await store.recordForOrganization(shortlisted.id, to: .offered, expectedVersion: shortlisted.version - 1,
                                                      session: session, reason: nil, now: now)
        }
        await #expect(throws: CatalogueError.illegalTransition(from: .shortlisted, to: .completed)) {
            _ = try await store.recordForOrganization(shortlisted.id, to: .completed, expectedVersion: shortlisted.version,
                                                      session: session, reason: nil, now: now)
        }
        let offered = try await store.recordForOrganization(shortlisted.id, to: .offered, expectedVersion: shortlisted.version,
                                                            session: session, reason: nil, now: now)
        #expect(offered.status == .offered && offered.version == shortlisted.version + 1 && offered.id == shortlisted.id)
        var record = try await store.studentRecord(shortlisted.studentUsername, session: session, now: now)
        let offer = try #require(record.applications.first { $0.overview.id == shortlisted.id }?.events.last)
        #expect(offer.actorRole == ActorRole.organization && offer.actorUsername == shortlisted.organization && offer.enteredBy == "shaddad")
        #expect(offer.fromStatus == ApplicationStatus.shortlisted && offer.toStatus == ApplicationStatus.offered)

        // Feedback waits for completed work, comes once, and keeps blank answers as none.
        let delivered = try await first(store, .delivered)
        func feedback(_ id: Int64, rating: Int = 4) async throws -> Feedback {
            try await store.recordOrganizationFeedback(id, rating: rating, strengths: "  Clear writing ", improvements: "   ",
                                                       comment: nil, skills: ["Contract Testing", "contract testing", "Figma"],
                                                       session: session, now: now)
        }
        await #expect(throws: CatalogueError.refused("feedback is recorded once the work is completed (application \(delivered.id) is delivered)")) {
            _ = try await feedback(delivered.id)
        }
        await #expect(throws: CatalogueError.invalid("a rating is 1 to 5 stars")) { _ = try await feedback(delivered.id, rating: 6) }
        let completed = try await store.recordForOrganization(delivered.id, to: .completed, expectedVersion: delivered.version,
                                                              session: session, reason: nil, now: now)
        let given = try await feedback(completed.id)
        #expect(given == Feedback(applicationID: completed.id, direction: .organizationToStudent, rating: 4, strengths: "Clear writing",
                                  improvements: nil, comment: nil, skillsDemonstrated: ["Contract Testing", "contract testing", "Figma"],
                                  createdAt: Timestamp.string(now)))
        await #expect(throws: CatalogueError.refused("the organization's feedback on application \(completed.id) is already recorded")) {
            _ = try await feedback(completed.id)
        }
        record = try await store.studentRecord(delivered.studentUsername, session: session, now: now)
        let entry = try #require(record.applications.first { $0.overview.id == completed.id })
        let stored = try #require(entry.feedback.first { $0.direction == .organizationToStudent })
        #expect(stored.rating == 4 && stored.strengths == "Clear writing" && stored.improvements == nil && stored.comment == nil)
        #expect(stored.skillsDemonstrated.map { $0.lowercased() } == ["contract testing", "figma"])
        #expect(entry.events.last.map { "\($0.actorRole) \($0.actorUsername) \($0.enteredBy ?? "") \($0.note ?? "")" }
                == "organization \(delivered.organization) shaddad feedback recorded (4/5)")
    }

    @Test(arguments: BackEnd.all)
    func aStudentsRecordHoldsEveryApplicationWithItsHistory(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store, Demo.advisor, .readStudentRecord)
        let sample = try await first(store, .completed)
        let record = try await store.studentRecord(sample.studentUsername, session: session, now: Demo.now)
        #expect(record.student.username == sample.studentUsername && record.student.name == sample.studentName)
        let theirs = try await queue(store, TriageFilter(statuses: ApplicationStatus.allCases, student: sample.studentUsername), order: .newestFirst)
        #expect(record.applications.map(\.overview.id) == theirs.map(\.id))
        for (entry, row) in zip(record.applications, theirs) {
            #expect(entry.overview.application.status == row.status && entry.overview.application.version == row.version)
            #expect(entry.overview.opportunity.ref == row.opportunityRef && entry.overview.opportunity.organization == row.organization)
            #expect(!entry.events.isEmpty && entry.events.first?.toStatus == .submitted)
            #expect(entry.events.last { $0.toStatus != nil }?.toStatus == row.status)
            #expect(zip(entry.events, entry.events.dropFirst()).allSatisfy { ($0.at, $0.id) < ($1.at, $1.id) })
        }
        let completed = try #require(record.applications.first { $0.overview.id == sample.id })
        #expect(completed.feedback.contains { $0.direction == .organizationToStudent })

        await #expect(throws: CatalogueError.notFound("student nobody-here")) {
            _ = try await store.studentRecord("nobody-here", session: session, now: Demo.now)
        }
        try await store.recordDisclosure(.listedStudentApplications, session: session, student: sample.studentUsername,
                                         detail: "\(theirs.count) applications to the staff console")
    }

    @Test(arguments: BackEnd.all)
    func savedViewsAreAStaffMembersOwnByName(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let admin = try await session(store)
        let advisor = try await session(store, Demo.advisor)
        try await store.saveTriageView("stale design", pattern: "field:design age>7d", session: admin, now: Demo.now)
        try await store.saveTriageView("Acme", pattern: "organization:acme", session: admin, now: Demo.now)
        try await store.saveTriageView("mine", pattern: "student:aokafor", session: advisor, now: Demo.now)
        #expect(try await store.triageViews(session: admin) == [TriageView(name: "Acme", pattern: "organization:acme"),
                                                                 TriageView(name: "stale design", pattern: "field:design age>7d")])
        try await store.saveTriageView("stale design", pattern: "field:design age>14d", session: admin, now: Demo.now)
        #expect(try await store.triageViews(session: admin).map(\.pattern) == ["organization:acme", "field:design age>14d"])
        #expect(try await store.triageViews(session: advisor) == [TriageView(name: "mine", pattern: "student:aokafor")])

        let badPattern = try #require(#expect(throws: CatalogueError.self) { _ = try TriageFilter(pattern: "status:nope") })
        await #expect(throws: badPattern) {
            try await store.saveTriageView("broken", pattern: "status:nope", session: admin, now: Demo.now)
        }
        await #expect(throws: CatalogueError.invalid("a view needs a name")) {
            try await store.saveTriageView("  ", pattern: "status:submitted", session: admin, now: Demo.now)
        }
        try await store.deleteTriageView("Acme", session: admin)
        #expect(try await store.triageViews(session: admin).map(\.name) == ["stale design"])
        await #expect(throws: CatalogueError.notFound("view mine")) { try await store.deleteTriageView("mine", session: admin) }
        #expect(try await store.triageViews(session: advisor).map(\.name) == ["mine"])
    }
}
