import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// What a student sees of the career center's work on their records: the profile says who saw
/// them (FERPA's record of disclosures), and a move staff made for them reads "career center
/// (for you)" in the timeline.
@Suite struct StudentDisclosureScreenTests {
    static let advisor = Account(uid: 4_000_124, login: "rpatel")

    @Test func theProfileSaysWhoAtTheCareerCenterSawTheStudentsRecords() throws {
        let demo = try DemoCatalogue()
        let before = try StudentScreenHarness(user: "tnguyen", demo: demo)
        before.press(.character("p"))
        #expect(before.rows(containing: "Disclosures").first?.contains("none: nobody at the career center") == true, "\(before.text)")

        // An advisor opens tnguyen's full record, from another process.
        let staff = try Catalogue(path: demo.catalogue.path, opening: .existing)
        let access = try staff.authorize(.triageConsole, account: Self.advisor)
        _ = try staff.studentRecord("tnguyen", session: try staff.triageSession(for: access))

        let after = try StudentScreenHarness(user: "tnguyen", demo: demo)
        after.press(.character("p"))
        let line = try #require(after.rows(containing: "Disclosures").first, "\(after.text)")
        #expect(line.contains("1 by the career center; latest"), "\(line)")
        #expect(line.contains("advisor Ritu Patel: your full record"), "\(line)")
    }

    @Test func aMoveStaffMadeForTheStudentReadsCareerCenterForYou() async throws {
        let demo = try DemoCatalogue()
        let staff = try Catalogue(path: demo.catalogue.path, opening: .existing)
        _ = try staff.authorize(.apply, account: Self.advisor, actingFor: "tnguyen")
        let listing = try #require(try staff.opportunity(ref: "atlas-local-seo-cleanup")?.id)
        try staff.apply(as: "tnguyen", to: listing, coverNote: "by phone", hoursOffered: 4, now: DemoCatalogue.seededAt)

        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "tnguyen", login: nil)
        let mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: CalendarDay(DemoCatalogue.seededAt), now: Date())
        let application = try #require(mine.applications.first { $0.application.opportunityId == listing })
        let timeline = try await ApplicationsViewModel.timeline(of: application.id, session: session, store: demo.catalogue)
        #expect(timeline.map(\.forYou) == [true])
        guard case .bullets(let lines)? = PaneContent.timelineBlocks(timeline).last else {
            Issue.record("no timeline")
            return
        }
        #expect(lines.first?.contains("(career center (for you))") == true, "\(lines)")
        // The student's own move is still theirs.
        let own = PaneContent.timelineBlocks([TimelineEntry(at: "2026-03-02T12:00:00Z", role: .student, status: .withdrawn, note: nil)])
        #expect(own.last == .bullets(["2026-03-02  → \(ApplicationStatus.withdrawn.label) (you)"]))
    }
}
