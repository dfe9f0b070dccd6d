import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// Issue 18, point 10: pay per hour when sorted by pay; saved searches show 0 and mark what
/// is new after opening; the saved-search hint names the key from the key map.
@Suite struct StudentListingMarksTests {
    @Test func sortedByPayThePayColumnShowsPerHour() throws {
        let student = try StudentScreenHarness(size: Size(width: 120, height: 40))
        student.press(.character(":"))
        student.type("sort pay")
        student.press(.enter)
        #expect(student.text.contains("Pay per h"))
        let rows = student.state.listings.visibleRows.prefix(5)
        // Every paid row reads per hour, in the order the pay sort ranks them.
        let shown = rows.compactMap(\.perHour)
        #expect(shown.count == rows.count)
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0.currency != $1.currency || $0.cents >= $1.cents })
        for row in rows { #expect(student.text.contains("\(row.perHour!.formatted)/h")) }
        try student.expectSnapshot(named: "issue18-pay-per-hour")
    }

    @Test func savedSearchesShowZeroAndMarkNewMatchesAfterOpening() throws {
        let demo = try DemoCatalogue()
        let since = DemoCatalogue.seededAt.addingTimeInterval(-6 * 86_400)
        try demo.catalogue.saveSearch(named: "everything", query: OpportunityQuery(sort: .newest), for: "demo", now: since)
        try demo.catalogue.saveSearch(named: "nothing new", query: OpportunityQuery(words: "zzzznomatch"), for: "demo", now: since)
        let student = try StudentScreenHarness(demo: demo)
        student.press(.character("o"))
        let nothing = try #require(student.rows(containing: "nothing new").first)
        #expect(nothing.contains(" 0 "), "zero new shows as 0: \(nothing)")
        #expect(!nothing.contains("–"))
        let everything = try #require(student.state.savedSearches.first { $0.name == "everything" })
        #expect(everything.newCount > 0)
        student.press(.enter)   // "everything" sorts first
        #expect(student.text.contains("\(everything.newCount) new, marked ●"))
        let cutoff = everything.lastSeenAt
        #expect(student.text.contains("│●"))
        for row in student.state.listings.visibleRows {
            let isNew = row.postedAt > cutoff && !student.state.applied.contains(row.id)
            #expect(student.text.contains("│●  \(row.title.prefix(20))") == isNew, "\(row.title)")
        }
        try student.expectSnapshot(named: "issue18-saved-search-new-marks")
        // Once the list shows something else, the marks go.
        student.press(.character("x"))
        #expect(!student.text.contains("│●"))
    }

    @Test func theEmptySavedSearchesHintNamesTheRemappedKey() throws {
        var keys = StudentAction.defaultKeyMap
        keys.bind(.saveSearch, to: [.control("w")])
        let student = try StudentScreenHarness(keyMap: keys)
        student.press(.character("o"))
        #expect(student.text.contains("no saved searches: ctrl-w saves the current one"))
    }
}
