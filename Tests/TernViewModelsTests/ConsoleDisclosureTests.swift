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

    @Test func aLimitToOneStudentIsRecordedAndAQueuePageIsNot() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        try triage.limit("status:submitted")
        #expect(try demo.catalogue.auditEntries(action: AuditedAction.listedStudentApplications.rawValue).isEmpty)

        try triage.limit("student:tnguyen")
        let shown = triage.rows.count
        #expect(try listings(of: demo, "tnguyen").map { "\($0.actor) \($0.detail ?? "")" }
                == ["rpatel \(shown) applications to the staff console"])

        // In the background, as the console limits: recorded before the rows come back.
        let prepared = try TriageViewModel.prepare(catalogue: demo.catalogue, viewer: "rpatel", order: .oldestFirst, at: Date(),
                                                   pattern: "student:tnguyen", words: "", disclosingAs: Self.rosa)
        #expect(prepared.rows.count == shown)
        #expect(try listings(of: demo, "tnguyen").count == 2)
        // A refresh of the same list (no session given) is not recorded again.
        _ = try TriageViewModel.prepare(catalogue: demo.catalogue, viewer: "rpatel", order: .oldestFirst, at: Date(),
                                        pattern: "student:tnguyen", words: "")
        #expect(try listings(of: demo, "tnguyen").count == 2)
    }
}
