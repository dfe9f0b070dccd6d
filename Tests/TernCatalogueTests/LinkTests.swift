import Foundation
import Testing
@testable import TernCatalogue

/// Every link the catalogue keeps is a web address: `javascript:` and every other scheme is
/// refused, with the field named, wherever the link comes from.
@Suite struct LinkTests {
    static let refused = [
        "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
        "file:///etc/passwd", "ftp://files.example/x", "vbscript:msgbox", "mailto:ana@example.org", "www.example.org",
        "https://", "http:///path", "https:example.org", "java\u{0}script:x",
    ]
    static let accepted = ["https://ana.example/work", "http://example.org", "HTTPS://EXAMPLE.ORG/A?b=c#d", "https://例え.jp/作品"]

    @Test func onlyWebAddressesWithAHostAreLinks() {
        for link in Self.refused { #expect(Link.refusal(of: link) != nil, "\(link.debugDescription)") }
        for link in Self.accepted { #expect(Link.refusal(of: link) == nil, "\(link)") }
        #expect(Link.refusal(of: "javascript:alert(1)") == "must start with https:// or http://, not \"javascript:\"")
        #expect(Link.refusal(of: "www.example.org") == "must start with https:// or http://")
    }

    @Test func anApplicationsPortfolioLinkMustBeAWebAddress() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "a"]])
        try fixture.addStudent("ana")
        #expect(throws: CatalogueError.invalid("portfolio link: must start with https:// or http://, not \"javascript:\"")) {
            try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("a"), coverNote: "hi", portfolioLink: "javascript:alert(1)", hoursOffered: 5)
        }
        let applied = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("a"), coverNote: "hi", portfolioLink: "https://ana.example", hoursOffered: 5)
        #expect(applied.portfolioLink == "https://ana.example")
    }

    @Test func importedLinksMustBeWebAddressesAndTheErrorNamesTheColumn() throws {
        let fixture = try CatalogueFixture()
        let students = "username,name,email,portfolio_links\nana,Ana,ana@example.org,https://ana.example|javascript:alert(1)\n"
        #expect {
            try fixture.catalogue.importApproved(Data(students.utf8), format: .csv)
        } throws: { error in
            (error as? ImportError)?.message == "portfolio_links: item 2 must start with https:// or http://, not \"javascript:\""
        }
        #expect(try fixture.catalogue.student(username: "ana") == nil)
        try fixture.addListings([["ref": "a"]])
        try fixture.addStudent("ben")
        let applications = "student,opportunity,status,hours_offered,portfolio_link\nben,a,submitted,5,data:text/html;x\n"
        #expect {
            try fixture.catalogue.importApproved(Data(applications.utf8), format: .csv)
        } throws: { error in
            (error as? ImportError)?.message.hasPrefix("portfolio_link: must start with https:// or http://") == true
        }
    }

    @Test func deliverableAndApplyLinksMustBeWebAddresses() throws {
        #expect(throws: CatalogueError.invalid("the deliverable link must start with http:// or https://")) {
            try Catalogue.deliverableLink("javascript:alert(1)")
        }
        #expect(try Catalogue.deliverableLink(" https://drive.example/report ") == "https://drive.example/report")
        let fixture = try CatalogueFixture()
        #expect(throws: CatalogueError.self) { try fixture.catalogue.setApplyLinkTemplate("javascript:alert('{ref}')") }
        try fixture.catalogue.setApplyLinkTemplate("https://careers.example.edu/apply/{ref}")
    }

    @Test func anOrganizationsWebsiteMustBeAWebAddress() {
        #expect(throws: CatalogueError.invalid("website: must start with https:// or http://, not \"javascript:\"")) {
            try StoredText.website.check("javascript:alert(1)")
        }
    }
}
