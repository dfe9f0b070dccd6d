import Foundation
import Testing
import StoreFixtures
import TernStore

/// The staff queue pages like the listings do, its counts add up to its rows, and an import is
/// all or nothing.
@Suite struct QueueAndImportContract {
    private func session(_ store: any CatalogueStore, _ operation: TernStore.Operation = .triageConsole) async throws -> TriageSession {
        let access = try await store.authorize(operation, account: Demo.admin, actingFor: nil)
        return try await store.triageSession(for: access)
    }

    @Test(arguments: BackEnd.all, [TriageOrder.oldestFirst, .newestFirst])
    func queuePagesJoinToTheWholeQueueAndItsCountsAddUp(backEnd: BackEnd, order: TriageOrder) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store)
        let filter = TriageFilter(statuses: TriageFilter.needingAction)
        let whole = try await store.triageQueue(filter, after: nil, order: order, limit: 1_000, offerWaitDays: nil,
                                                viewer: session.username, now: Demo.now)
        #expect(whole.next == nil && whole.rows.count > 9)
        var walked: [TriageRow] = []
        var cursor: TriageCursor?
        repeat {
            let page = try await store.triageQueue(filter, after: cursor, order: order, limit: 9, offerWaitDays: nil,
                                                   viewer: session.username, now: Demo.now)
            walked += page.rows
            cursor = page.next
        } while cursor != nil
        #expect(walked.map(\.id) == whole.rows.map(\.id))
        let counts = try await store.triageCount(filter, offerWaitDays: nil, now: Demo.now)
        #expect(counts.values.reduce(0, +) == whole.rows.count)
        for status in TriageFilter.needingAction {
            #expect(counts[status, default: 0] == whole.rows.filter { $0.status == status }.count, "\(status)")
        }
    }

    /// Three listings, the second with hours that are not a number: nothing is imported, and the
    /// refusal names the record; the same file mended imports all three.
    @Test(arguments: BackEnd.all)
    func anImportWithOneBadRecordImportsNothing(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store, .importFile)
        func listings(secondHours: String) -> Data {
            let deadline = Demo.today.adding(days: 30).description
            let records = (1...3).map { n in
                """
                {"ref": "contract-\(n)", "title": "Contract listing \(n)", "organization": "Acme Studio", "field": "design",
                 "brief": "A brief.", "hours": \(n == 2 ? secondHours : "10"), "duration_days": 7, "deadline": "\(deadline)",
                 "compensation_kind": "fixed_fee", "compensation_amount": 200, "currency": "USD",
                 "location_kind": "remote", "status": "open"}
                """
            }
            return Data("[\(records.joined(separator: ",\n"))]".utf8)
        }
        let record = ImportRecord(session: session, origin: "contract")
        await #expect(throws: (any Error).self) {
            _ = try await store.importFile(ImportSource(listings(secondHours: "\"lots\"")), format: .json, dryRun: false,
                                           now: Demo.now, recorded: record, progress: nil)
        }
        for n in 1...3 { #expect(try await store.opportunity(ref: "contract-\(n)") == nil) }

        let summary = try await store.importFile(ImportSource(listings(secondHours: "12")), format: .json, dryRun: false,
                                                 now: Demo.now, recorded: record, progress: nil)
        #expect(summary.inserted == 3)
        #expect(try await store.opportunity(ref: "contract-2")?.hours == 12)
    }
}
