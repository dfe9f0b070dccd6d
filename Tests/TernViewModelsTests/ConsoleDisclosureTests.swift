import Foundation
import Testing
import TernCatalogue
@testable import TernViewModels

/// The staff console discloses a student's records when its queue is limited to them: that is
/// in the audit log before the rows show; a queue page (any other limit) is not a disclosure.
@Suite struct ConsoleDisclosureTests {
    static let rosa = TriageSession(username: "rpatel", name: "Rosa Patel", id: "rosa-session")

    func listings(of demo: DemoCatalogue_, _ username: String) throws -> [AuditEntry] {
        try demo.catalogue.auditEntries(aboutStudent: username).filter { $0.action == AuditedAction.listedStudentApplications.rawValue }
    }

    @Test func aLimitToOneStudentIsRecordedAndAQueuePageIsNot() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        try await triage.limit("status:submitted")
        #expect(try demo.catalogue.auditEntries(action: AuditedAction.listedStudentApplications.rawValue).isEmpty)

        try await triage.limit("student:tnguyen")
        let shown = triage.count
        #expect(try listings(of: demo, "tnguyen").map { "\($0.actor) \($0.detail ?? "")" }
                == ["rpatel \(shown) applications to the staff console"])

        // In the background, as the console limits: recorded before the rows come back.
        let prepared = try await TriageWork.read(pattern: "student:tnguyen", words: "", order: .oldestFirst, viewer: "rpatel", at: Date(),
                                                 disclosingAs: Self.rosa, in: demo.catalogue)
        #expect(prepared.pages.count == shown)
        #expect(try listings(of: demo, "tnguyen").count == 2)
        // A refresh of the same list (no session given) is not recorded again.
        _ = try await TriageWork.read(pattern: "student:tnguyen", words: "", order: .oldestFirst, viewer: "rpatel", at: Date(),
                                      in: demo.catalogue)
        #expect(try listings(of: demo, "tnguyen").count == 2)
    }
}
