import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// The triage queue's pages: keyset paging across rows that share a timestamp, in both orders,
/// whichever plan reads them (walking the status index, or starting from a student, a listing
/// or the organizations a prefix matches).
extension TriageTests {
    /// Six students, three listings at three organizations (two of them "Acme ..."), eighteen
    /// applications in every status the queue cares about, on three shared timestamps.
    func crowdedQueue(now: Date) throws -> CatalogueFixture {
        let fixture = try CatalogueFixture()
        try fixture.addListings([
            ["ref": "logo", "title": "Logo refresh", "field": "design", "organization": "Acme Studio"],
            ["ref": "blog", "title": "Blog posts", "field": "writing", "organization": "Birch Press"],
            ["ref": "mural", "title": "Mural sketch", "field": "design", "organization": "Acme Works"],
        ])
        let students = ["tnguyen", "ypetrova", "aokafor", "bkim", "cdiaz", "elee"]
        for student in students { try fixture.addStudent(student) }
        let statuses: [ApplicationStatus] = [.submitted, .underReview, .delivered, .offered, .shortlisted]
        var n = 0
        for student in students {
            for ref in ["logo", "blog", "mural"] {
                _ = try fixture.application(of: student, to: ref, at: statuses[n % statuses.count])
                n += 1
            }
        }
        // Three timestamps shared by many rows: 20 days, 10 days and 1 day old. The youngest
        // offers are not yet due (7 days), the others are.
        let stamps = [20.0, 10.0, 1.0].map { Timestamp.string(now.addingTimeInterval(-$0 * 86_400)) }
        try fixture.catalogue.write { db in
            try db.execute(sql: "UPDATE applications SET updated_at = CASE WHEN id % 4 = 0 THEN ? WHEN id % 3 = 0 THEN ? ELSE ? END",
                           arguments: [stamps[2], stamps[0], stamps[1]])
        }
        return fixture
    }

    /// Every page of `filter`, `limit` rows at a time, by `plan`.
    func pagedIDs(_ catalogue: Catalogue, _ filter: TriageFilter, order: TriageOrder, limit: Int, plan: TriageQueuePlan?,
                  now: Date) throws -> [Int64] {
        var ids: [Int64] = []
        var cursor: TriageCursor?
        repeat {
            let page = try catalogue.triageQueue(filter, after: cursor, order: order, limit: limit, offerWaitDays: 7,
                                                 viewer: nil, now: now, plan: plan)
            #expect(page.rows.count <= limit)
            ids += page.rows.map(\.id)
            cursor = page.next
        } while cursor != nil && ids.count < 100
        return ids
    }

    @Test func pagesAcrossSharedTimestampsKeepTheSameRowsInTheSameOrderBothWays() throws {
        let now = Date()
        let fixture = try crowdedQueue(now: now)
        // Needs action: submitted, under review, delivered, and offers unanswered for 7 days,
        // oldest first, ties by id.
        let due = Timestamp.string(now.addingTimeInterval(-7 * 86_400))
        let expected = try fixture.catalogue.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM applications
                WHERE status IN ('submitted','under_review','delivered') OR (status = 'offered' AND updated_at <= ?)
                ORDER BY updated_at, id
                """, arguments: [due])
        }
        let all = try fixture.catalogue.triageQueue(TriageFilter(), offerWaitDays: 7, now: now)
        #expect(all.rows.map(\.id) == expected)
        #expect(all.next == nil)
        // The fixture does what it claims: pages will end between rows of one timestamp.
        #expect(Dictionary(grouping: all.rows, by: \.updatedAt).values.contains { $0.count >= 4 })
        // Offers both ways: some unanswered 7 days and more (shown), some younger (not yet).
        let offers = try fixture.catalogue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM applications WHERE status = 'offered'") ?? 0
        }
        let shownOffers = all.rows.filter { $0.status == .offered }.count
        #expect(shownOffers > 0 && shownOffers < offers)
        for limit in [1, 2, 3, 5] {
            #expect(try pagedIDs(fixture.catalogue, TriageFilter(), order: .oldestFirst, limit: limit, plan: nil, now: now) == expected)
            #expect(try pagedIDs(fixture.catalogue, TriageFilter(), order: .newestFirst, limit: limit, plan: nil, now: now)
                    == expected.reversed())
        }
    }

    @Test func everyPlanReadsTheSameRowsInTheSameOrder() throws {
        let now = Date()
        let fixture = try crowdedQueue(now: now)
        let patterns = ["", "organization:acme", "organization:\"acme studio\"", "org:zz", "student:tnguyen", "student:nobody",
                        "opportunity:logo", "status:offered status:submitted", "field:design age>15d", "age<15d acme",
                        "organization:acme student:bkim", "k"]
        for pattern in patterns {
            let filter = try TriageFilter(pattern: pattern)
            // The status walk is the reference: the plan the queue always had.
            let reference = try fixture.catalogue.triageQueue(filter, after: nil, order: .oldestFirst, limit: 1_000,
                                                              offerWaitDays: 7, viewer: nil, now: now, plan: .walkByStatus)
            #expect(zip(reference.rows, reference.rows.dropFirst()).allSatisfy { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) },
                    "\(pattern)")
            let expected = reference.rows.map(\.id)
            for plan in TriageQueuePlan.allCases {
                let whole = try fixture.catalogue.triageQueue(filter, after: nil, order: .oldestFirst, limit: 1_000,
                                                              offerWaitDays: 7, viewer: nil, now: now, plan: plan)
                #expect(whole.rows == reference.rows, "\(pattern) by \(plan)")
                for limit in [1, 2, 4] {
                    #expect(try pagedIDs(fixture.catalogue, filter, order: .oldestFirst, limit: limit, plan: plan, now: now) == expected,
                            "\(pattern) by \(plan), \(limit) a page, oldest first")
                    #expect(try pagedIDs(fixture.catalogue, filter, order: .newestFirst, limit: limit, plan: plan, now: now)
                            == expected.reversed(), "\(pattern) by \(plan), \(limit) a page, newest first")
                }
            }
        }
        // The limits narrow as the pattern says.
        func organizations(_ pattern: String) throws -> Set<String> {
            Set(try fixture.catalogue.triageQueue(try TriageFilter(pattern: pattern), offerWaitDays: 7, now: now).rows.map(\.organization))
        }
        #expect(try organizations("organization:acme") == ["Acme Studio", "Acme Works"])
        #expect(try organizations("organization:\"acme studio\"") == ["Acme Studio"])
        #expect(try organizations("org:zz").isEmpty)
        #expect(try fixture.catalogue.triageQueue(try TriageFilter(pattern: "student:tnguyen"), offerWaitDays: 7, now: now)
            .rows.allSatisfy { $0.studentUsername == "tnguyen" })
        #expect(try fixture.catalogue.triageQueue(try TriageFilter(pattern: "opportunity:logo"), offerWaitDays: 7, now: now)
            .rows.allSatisfy { $0.opportunityRef == "logo" })
    }

    @Test func aClaimShowsTheSameWhicheverPlanReadsTheQueue() throws {
        let now = Date()
        let fixture = try crowdedQueue(now: now)
        let first = try #require(try fixture.catalogue.triageQueue(TriageFilter(), offerWaitDays: 7, now: now).rows.first)
        _ = try fixture.catalogue.claim(first.id, session: Self.ritu, now: now)
        for plan in TriageQueuePlan.allCases {
            let samSees = try fixture.catalogue.triageQueue(TriageFilter(), after: nil, order: .oldestFirst, limit: 40,
                                                            offerWaitDays: 7, viewer: Self.sam.username, now: now, plan: plan)
            #expect(samSees.rows.first { $0.id == first.id }?.claimedBy == "Ritu Patel", "\(plan)")
            #expect(samSees.rows.filter { $0.claimedBy != nil }.count == 1, "\(plan)")
            let rituSees = try fixture.catalogue.triageQueue(TriageFilter(), after: nil, order: .oldestFirst, limit: 40,
                                                             offerWaitDays: 7, viewer: Self.ritu.username, now: now, plan: plan)
            #expect(rituSees.rows.allSatisfy { $0.claimedBy == nil }, "\(plan)")
        }
    }

    @Test func theQueueStartsFromTheRowsASelectiveLimitNames() throws {
        let fixture = try fixture()
        let patterns = ["", "status:submitted field:design age>7d logo", "student:tnguyen organization:acme", "opportunity:logo",
                        "organization:acme"]
        let plans = try fixture.catalogue.read { db in
            try patterns.map { try Catalogue.queuePlan(db, try TriageFilter(pattern: $0)) }
        }
        #expect(plans == [.walkByStatus, .walkByStatus, .fromStudent, .fromOpportunity, .fromOrganizations])
    }
}
