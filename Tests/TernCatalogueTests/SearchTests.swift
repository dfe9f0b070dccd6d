import Foundation
import Testing
@testable import TernCatalogue

@Suite struct SearchTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([
            ["ref": "py", "title": "Python scraper for a food bank", "field": "software", "hours": 20],
            ["ref": "cafe", "title": "Menu redesign", "organization": "Café Lumière", "brief": "Une refonte du menu"],
            ["ref": "cjk", "title": "数据分析 dashboard", "field": "data_analysis", "hours": 8],
            ["ref": "onsite", "title": "Poster design in Tōkyō", "location_kind": "on_site", "city": "Tōkyō", "compensation_kind": "academic_credit", "compensation_amount": NSNull(), "currency": NSNull()],
            ["ref": "skill", "title": "Survey cleanup", "skills": ["Pythonic Tools", "Excel"], "field": "research"],
            ["ref": "closed", "title": "Python archive", "status": "closed"],
            ["ref": "draft", "title": "Python draft", "status": "draft"],
        ])
    }

    func refs(_ query: OpportunityQuery) throws -> [String] {
        try fixture.catalogue.opportunities(matching: query, limit: 50).map(\.ref)
    }

    @Test func aWordMatchesAsAPrefixOverTitleOrganizationSkillsAndBrief() throws {
        #expect(Set(try refs(OpportunityQuery(words: "pyth"))) == ["py", "skill"])
        #expect(try refs(OpportunityQuery(words: "lumi")) == ["cafe"])
        #expect(try refs(OpportunityQuery(words: "refonte")) == ["cafe"])
    }

    @Test func accentsAreIgnoredBothWays() throws {
        #expect(try refs(OpportunityQuery(words: "cafe")) == ["cafe"])
        #expect(try refs(OpportunityQuery(words: "CAFÉ")) == ["cafe"])
        #expect(try refs(OpportunityQuery(words: "tokyo", includeClosed: false)) == ["onsite"])
    }

    @Test func cjkTextIsFoundByItsLeadingCharacters() throws {
        #expect(try refs(OpportunityQuery(words: "数据")) == ["cjk"])
        #expect(try refs(OpportunityQuery(words: "数据分析")) == ["cjk"])
    }

    @Test func searchSyntaxInUserInputIsTreatedAsText() throws {
        #expect(try refs(OpportunityQuery(words: "\"python NEAR( -* OR")).isEmpty)
        #expect(Set(try refs(OpportunityQuery(words: "python)"))) == ["py", "skill"])
    }

    @Test func closedListingsAndDraftsStayOutUnlessAsked() throws {
        #expect(!(try refs(OpportunityQuery(words: "python"))).contains("closed"))
        let all = try refs(OpportunityQuery(words: "python", includeClosed: true))
        #expect(all.contains("closed"))
        #expect(!all.contains("draft"))
    }

    @Test func filtersNarrowAndCountAgrees() throws {
        let remotePaid = OpportunityQuery(locationKinds: [.remote], paidOnly: true)
        #expect(!(try refs(remotePaid)).contains("onsite"))
        #expect(try fixture.catalogue.countOpportunities(matching: remotePaid) == (try refs(remotePaid)).count)
        #expect(try refs(OpportunityQuery(fields: [.dataAnalysis])) == ["cjk"])
        #expect(try refs(OpportunityQuery(skills: ["excel"])) == ["skill"])
        #expect(Set(try refs(OpportunityQuery(maxHours: 10))).isDisjoint(with: ["py"]))
        #expect(try refs(OpportunityQuery(organization: "café")) == ["cafe"])
    }

    @Test func keysetPagesWalkTheWholeListOnceInEveryOrder() throws {
        try fixture.addListings((0..<57).map { ["ref": "bulk-\($0)", "title": "Bulk \($0)", "hours": 5 + $0 % 7,
                                                "deadline": CalendarDay(Date()).adding(days: 1 + $0 % 5).description] })
        for sort in OpportunitySort.allCases {
            let query = OpportunityQuery(sort: sort)
            var seen: [String] = []
            var cursor: OpportunityCursor? = nil
            while true {
                let page = try fixture.catalogue.opportunities(matching: query, after: cursor, limit: 10)
                seen += page.map(\.ref)
                guard page.count == 10, let last = page.last else { break }
                cursor = last.cursor
            }
            #expect(seen.count == Set(seen).count, "\(sort) repeated a row")
            #expect(seen.count == (try fixture.catalogue.countOpportunities(matching: query)), "\(sort) missed rows")
        }
    }

    @Test func deadlineOrderPutsTheSoonestFirst() throws {
        let page = try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .deadline), limit: 50)
        #expect(page.map(\.deadline) == page.map(\.deadline).sorted())
        let byHours = try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .hours), limit: 50)
        #expect(byHours.map(\.hours) == byHours.map(\.hours).sorted())
    }

    @Test func editingAListingKeepsTheSearchIndexInStep() throws {
        try fixture.addListings([["ref": "py", "title": "Rust rewrite", "field": "software"]])
        #expect(!(try refs(OpportunityQuery(words: "python"))).contains("py"))
        #expect(try refs(OpportunityQuery(words: "rust")) == ["py"])
        #expect(try fixture.catalogue.check().isHealthy)
    }
}
