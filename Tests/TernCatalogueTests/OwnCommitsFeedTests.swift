import Foundation
import Testing
@testable import TernCatalogue

/// The change feed says when someone else committed, and only then: a screen's own writes (read
/// back already) are not news (issue 19, point 1).
@Suite struct OwnCommitsFeedTests {
    @Test func ownCommitsAreNotChangesAndAnotherConnectionsAre() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "one"]])
        let feed = try fixture.catalogue.changeFeed()
        #expect(try feed.hasChanged() == false, "the first look is the starting point")
        try fixture.catalogue.setApplyLinkTemplate("https://careers.example.edu/{ref}")
        try fixture.addListings([["ref": "two"]])
        #expect(try feed.hasChanged() == false, "its own commits")
        let elsewhere = try Catalogue(path: fixture.path, opening: .existing)
        try elsewhere.setApplyLinkTemplate("https://jobs.example.org/{ref}")
        #expect(try feed.hasChanged() == true, "another connection's commit")
        #expect(try feed.hasChanged() == false)
    }
}
