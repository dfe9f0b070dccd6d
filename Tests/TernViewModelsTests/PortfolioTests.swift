import Foundation
import Testing
// Feedback has no public writer yet (organizations give it through staff tools); the fixture
// writes it the way the demo seed does.
@testable import TernCatalogue
@testable import TernViewModels
import TernText

/// A catalogue with one student, Ana, who completed two micro-internships (one with a hostile
/// title and feedback), has one in progress, and a classmate whose work must never show.
final class PortfolioFixture {
    let directory: URL
    let catalogue: Catalogue
    static let hostileTitle = "# Evil [x](http://e) \u{1B}[2J\u{202E}\u{85}"
    static let generatedAt = ISO8601DateFormatter().date(from: "2026-05-01T09:30:00Z")!

    static func noon(_ day: String) -> Date { ISO8601DateFormatter().date(from: "\(day)T12:00:00Z")! }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-portfolio-\(UUID().uuidString)")
        catalogue = try Catalogue(path: directory.appendingPathComponent("c.sqlite").path)
        let listings: [[String: Any]] = [
            ["ref": "survey", "title": "Survey Analysis", "organization": "Lakeshore Food Bank", "field": "data_analysis",
             "brief": "Clean and chart our volunteer survey.\n\nWe have 400 responses in a spreadsheet.", "hours": 12,
             "deliverables": ["Cleaned dataset", "Three charts with notes"], "skills": ["Excel", "Python"]],
            ["ref": "evil", "title": Self.hostileTitle, "organization": "Acme <script>", "field": "design",
             "brief": "1. Make\u{2028}posters\n\n- ignored", "hours": 5, "deliverables": ["- a list? \u{1B}]0;pwned\u{7}"],
             "skills": ["Figma"]],
            ["ref": "ongoing", "title": "Ongoing Work", "organization": "Acme Studio", "field": "design", "brief": "",
             "hours": 8, "deliverables": [], "skills": []],
        ].map { listing in
            var record: [String: Any] = [
                "duration_days": 7, "deadline": "2099-12-31", "compensation_kind": "fixed_fee", "compensation_amount": 200,
                "currency": "USD", "location_kind": "remote", "status": "open",
            ]
            record.merge(listing) { $1 }
            return record
        }
        _ = try catalogue.importApproved(try JSONSerialization.data(withJSONObject: listings), format: .json)
        let students: [[String: Any]] = [
            ["username": "ana", "name": "Ana Ruiz", "email": "ana@campus.example", "program": "BSc Statistics",
             "graduation_year": "2027", "skills": ["Python:advanced", "Excel:beginner"],
             "portfolio_links": ["https://ana.example"]],
            ["username": "ben", "name": "Ben Okoro", "email": "ben@campus.example"],
        ]
        _ = try catalogue.importApproved(try JSONSerialization.data(withJSONObject: students), format: .json)

        let survey = try complete("ana", "survey", link: "https://ana.example/survey", accepted: "2026-03-02", completed: "2026-03-20")
        let evil = try complete("ana", "evil", link: "javascript:alert(1)", accepted: "2026-04-01", completed: "2026-04-10")
        try complete("ben", "survey", link: nil, accepted: "2026-03-03", completed: "2026-04-20")
        var ongoing = try catalogue.apply(as: "ana", to: try catalogue.opportunity(ref: "ongoing")!.id!, coverNote: "",
                                          hoursOffered: 8, now: Self.noon("2026-04-01"))
        for status in [ApplicationStatus.underReview, .shortlisted, .offered, .accepted, .inProgress] {
            ongoing = try catalogue.move(ongoing.id, to: status, by: Self.staff, expectedVersion: ongoing.version, now: Self.noon("2026-04-02"))
        }
        try catalogue.write { db in
            // The catalogue refuses a link that is not a web address (issue 17); one an older
            // catalogue may still hold is written here directly, to show the export's own defence.
            try db.execute(sql: "INSERT INTO student_links(student_id, position, url) SELECT id, 2, 'javascript:alert(1)' FROM students WHERE username = 'ana'")
            try Catalogue.insertFeedback(db, application: survey, direction: .organizationToStudent, rating: 4,
                                         strengths: "Tidy, well-documented charts.", improvements: "Check in more often.",
                                         comment: nil, skills: ["Python", "Data Visualization"], at: "2026-03-21T12:00:00Z")
            try Catalogue.insertFeedback(db, application: evil, direction: .organizationToStudent, rating: 2,
                                         strengths: "Fast\n\n# Not a heading\n    not code", improvements: "[click](http://e)",
                                         comment: nil, skills: ["Figma"], at: "2026-04-11T12:00:00Z")
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let staff = Actor(role: .staff, username: "kwong")

    @discardableResult
    func complete(_ student: String, _ ref: String, link: String?, accepted: String, completed: String) throws -> Int64 {
        // The catalogue keeps only web links (issue 17): a hostile one goes no further than this.
        let webLink = link.flatMap { Link.refusal(of: $0) == nil ? $0 : nil }
        var application = try catalogue.apply(as: student, to: try catalogue.opportunity(ref: ref)!.id!, coverNote: "",
                                              portfolioLink: webLink, hoursOffered: 10, now: Self.noon("2026-02-20"))
        let steps: [(ApplicationStatus, String)] = [
            (.underReview, "2026-02-21"), (.shortlisted, "2026-02-22"), (.offered, "2026-02-23"),
            (.accepted, accepted), (.inProgress, accepted), (.delivered, completed), (.completed, completed),
        ]
        for (status, day) in steps {
            // The student hands in the work with its link; everything else is staff.
            // (The catalogue refuses a non-web deliverable link, so a hostile one never gets this far.)
            if status == .delivered, let link, link.hasPrefix("https://") {
                application = try catalogue.deliver(application.id, by: student, link: link, expectedVersion: application.version, now: Self.noon(day))
                continue
            }
            application = try catalogue.move(application.id, to: status, by: Self.staff, expectedVersion: application.version, now: Self.noon(day))
        }
        return application.id
    }

    /// The portfolio as the command line reads it (synchronously, from the catalogue).
    func portfolio(_ username: String = "ana") throws -> Portfolio {
        try Portfolio.assemble(username: username, student: try catalogue.student(username: username),
                               entries: try catalogue.portfolio(ofStudent: username), now: Self.generatedAt)
    }

    /// The portfolio as a screen reads it, over the store.
    func loaded(_ username: String = "ana") async throws -> Portfolio {
        let session = try StudentSession.resolve(catalogue: catalogue, requested: username)
        return try await Portfolio.load(store: catalogue, session: session, now: Self.generatedAt)
    }
}

/// The raw scalars no export may contain (spelled out here, not borrowed from the code under test).
func rawControls(in text: String) -> [Unicode.Scalar] {
    let forbidden: [ClosedRange<UInt32>] = [
        0x00...0x09, 0x0B...0x1F, 0x7F...0x9F, 0x061C...0x061C, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028...0x2029,
    ]
    return text.unicodeScalars.filter { scalar in forbidden.contains { $0.contains(scalar.value) } }
}

@Suite struct PortfolioLoadingTests {
    @Test func aGuestHasNoPortfolio() async throws {
        let fixture = try PortfolioFixture()
        await #expect(throws: PortfolioError.guest) {
            try await Portfolio.load(store: fixture.catalogue, session: .guest)
        }
    }

    @Test func theStudentsOwnCompletedWorkIsLoadedMostRecentFirst() async throws {
        let portfolio = try await PortfolioFixture().loaded()
        #expect(portfolio.student.name == "Ana Ruiz")
        #expect(portfolio.entries.map(\.opportunity.title) == [PortfolioFixture.hostileTitle, "Survey Analysis"])
        #expect(portfolio.summary == "2 completed micro-internships, 17 hours")
        #expect(portfolio.skills.map(\.name) == ["Excel", "Python", "Data Visualization", "Figma"])
        #expect(portfolio.skills.first { $0.name == "Python" }?.shownIn == ["Survey Analysis"])
    }
}

@Suite struct PortfolioJSONResumeTests {
    func parsed(_ portfolio: Portfolio) throws -> [String: Any] {
        let text = portfolio.render(.jsonResume)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theJSONResumeParsesAndHasOneProjectPerCompletedMicroInternship() throws {
        let portfolio = try PortfolioFixture().portfolio()
        let resume = try parsed(portfolio)
        #expect(Set(resume.keys) == ["$schema", "basics", "education", "skills", "projects", "meta"])
        #expect(resume["$schema"] as? String == "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json")
        let basics = try #require(resume["basics"] as? [String: Any])
        #expect(basics["name"] as? String == "Ana Ruiz")
        #expect(basics["email"] as? String == "ana@campus.example")
        #expect(basics["label"] as? String == "BSc Statistics")
        #expect(basics["summary"] as? String == "2 completed micro-internships, 17 hours")
        // Only real web links become `format: uri` fields.
        #expect(basics["url"] as? String == "https://ana.example")
        #expect((basics["profiles"] as? [[String: Any]])?.map { $0["url"] as? String } == ["https://ana.example"])
        let education = try #require(resume["education"] as? [[String: Any]])
        #expect(education.count == 1)
        #expect(education.first?["area"] as? String == "BSc Statistics")
        #expect(education.first?["endDate"] as? String == "2027")
        let skills = try #require(resume["skills"] as? [[String: Any]])
        #expect(skills.first?["name"] as? String == "Excel")
        #expect(skills.first?["level"] as? String == "Beginner")
        #expect(skills.first { $0["name"] as? String == "Figma" }?["level"] == nil)

        let projects = try #require(resume["projects"] as? [[String: Any]])
        #expect(projects.count == 2)
        let survey = try #require(projects.last)
        #expect(survey["name"] as? String == "Survey Analysis")
        #expect(survey["entity"] as? String == "Lakeshore Food Bank")
        #expect(survey["type"] as? String == "micro-internship")
        #expect(survey["description"] as? String == "Clean and chart our volunteer survey.")
        #expect(survey["startDate"] as? String == "2026-03-02")
        #expect(survey["endDate"] as? String == "2026-03-20")
        #expect(survey["url"] as? String == "https://ana.example/survey")
        #expect(survey["roles"] as? [String] == ["Micro-intern"])
        #expect(survey["keywords"] as? [String] == ["Data Visualization", "Python"])
        #expect(survey["highlights"] as? [String] == [
            "Cleaned dataset", "Three charts with notes", "Feedback: ★ 4/5 — Tidy, well-documented charts.",
        ])
        #expect(projects.first?["startDate"] as? String == "2026-04-01")
        #expect(projects.first?["endDate"] as? String == "2026-04-10")
        #expect(projects.first?["url"] == nil, "a javascript: link is not a project URL")
        let meta = try #require(resume["meta"] as? [String: Any])
        #expect(meta["version"] as? String == "v1.0.0")
        #expect(meta["lastModified"] as? String == "2026-05-01T09:30:00Z")
    }

    @Test func hostileTextRoundTripsExactlyYetNoRawControlIsWritten() throws {
        let portfolio = try PortfolioFixture().portfolio()
        let text = portfolio.render(.jsonResume)
        #expect(rawControls(in: text).isEmpty)
        #expect(text.contains(##""# Evil [x](http://e) \u001B[2J\u202E\u0085""##))
        #expect(text.contains(##""1. Make\u2028posters""##))
        let projects = try #require(try parsed(portfolio)["projects"] as? [[String: Any]])
        #expect(projects.first?["name"] as? String == PortfolioFixture.hostileTitle)
        #expect(projects.first?["entity"] as? String == "Acme <script>")
        #expect((projects.first?["highlights"] as? [String])?.first == "- a list? \u{1B}]0;pwned\u{7}")
    }

    @Test func everyControlScalarIsEscapedAndEverythingElseIsKept() throws {
        let controls = (0x00...0x1F).map { $0 } + (0x7F...0x9F).map { $0 } + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029]
            + (0x202A...0x202E).map { $0 } + (0x2066...0x2069).map { $0 }
        let hostile = String(String.UnicodeScalarView(controls.compactMap(Unicode.Scalar.init))) + "\"\\/é😀\u{200D}"
        let document = JSONText.object([("text", .string(hostile)), ("list", .array([.string(hostile), .integer(7)]))]).rendered()
        #expect(rawControls(in: document).isEmpty)
        let back = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        #expect(back["text"] as? String == hostile)
        #expect((back["list"] as? [Any])?.last as? Int == 7)
    }

    @Test func theOutputIsTheSameEveryTime() throws {
        let fixture = try PortfolioFixture()
        #expect(try fixture.portfolio().render(.jsonResume) == (try fixture.portfolio().render(.jsonResume)))
    }
}

@Suite struct PortfolioMarkdownTests {
    @Test func theMarkdownLaysOutTheProfileAndEachMicroInternship() throws {
        let markdown = try PortfolioFixture().portfolio().render(.markdown)
        let survey = try #require(markdown.range(of: "### Survey Analysis — Lakeshore Food Bank"))
        #expect(markdown.hasPrefix(##"""
            # Ana Ruiz

            ana@campus.example · BSc Statistics, class of 2027 · <https://ana.example> · javascript:alert(1)

            2 completed micro-internships, 17 hours.

            ## Skills

            - Excel (beginner)
            - Python (advanced) — shown in Survey Analysis
            - Data Visualization — shown in Survey Analysis
            - Figma — shown in \# Evil \[x\](http://e) ^\[\[2J\\u{202E}\\u{85}

            ## Micro-internships

            ### \# Evil \[x\](http://e) ^\[\[2J\\u{202E}\\u{85} — Acme \<script\>

            2026-04-01 – 2026-04-10 · 5 hours · Design

            1\. Make\\u{2028}posters

            Skills gained: Figma

            Deliverables:

            - \- a list? ^\[\]0;pwned^G

            > ★ 2/5 from Acme \<script\>
            >
            > Strengths: Fast
            >
            > \# Not a heading
            > not code
            >
            > To improve: \[click\](http://e)

            ### Survey Analysis
            """##))
        #expect(String(markdown[survey.lowerBound...]) == """
            ### Survey Analysis — Lakeshore Food Bank

            2026-03-02 – 2026-03-20 · 12 hours · Data analysis

            Clean and chart our volunteer survey.

            Skills gained: Data Visualization, Python

            Deliverables:

            - Cleaned dataset
            - Three charts with notes

            Work: <https://ana.example/survey>

            > ★ 4/5 from Lakeshore Food Bank
            >
            > Strengths: Tidy, well-documented charts.
            >
            > To improve: Check in more often.

            """)
    }

    @Test func hostileCatalogueTextCannotInjectMarkupOrControls() throws {
        let markdown = try PortfolioFixture().portfolio().render(.markdown)
        #expect(rawControls(in: markdown).isEmpty)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        // Only the renderer's own headings and list items start lines.
        #expect(lines.filter { $0.hasPrefix("#") } == [
            "# Ana Ruiz", "## Skills", "## Micro-internships",
            ##"### \# Evil \[x\](http://e) ^\[\[2J\\u{202E}\\u{85} — Acme \<script\>"##,
            "### Survey Analysis — Lakeshore Food Bank",
        ])
        #expect(markdown.contains(##"1\. Make\\u{2028}posters"##))
        #expect(markdown.contains("- \\- a list? ^\\[\\]0;pwned^G"))
        #expect(markdown.contains("> Strengths: Fast\n>\n> \\# Not a heading\n> not code"))
        #expect(markdown.contains("> To improve: \\[click\\](http://e)"))
        // A non-web link is shown as text, never as an autolink.
        #expect(markdown.contains("· javascript:alert(1)\n"))
        #expect(!markdown.contains("<javascript"))
    }
}

@Suite struct ExportTextTests {
    @Test func controlsBecomeTheScreensPlaceholdersInMarkdown() {
        // The sanitizer's placeholders, then Markdown's own escaping (of "\\" and "[").
        #expect(MarkdownText.line("a\u{1B}[2Jb") == "a^\\[\\[2Jb")
        #expect(MarkdownText.line("\u{0}\u{7F}\u{85}\u{9B}\u{202E}\u{2066}\u{61C}\u{200F}\u{2028}\u{2029}")
                == #"^@^?\\u{85}\\u{9B}\\u{202E}\\u{2066}\\u{61C}\\u{200F}\\u{2028}\\u{2029}"#)
        #expect(MarkdownText.line("one\r\ntwo\tthree\n") == "one^M^Jtwo^Ithree^J")
        #expect(MarkdownText.block("one\r\ntwo\tthree\rx\n") == "one\ntwo    three^Mx\n")
        #expect(MarkdownText.line("Zoë 😀 ok") == "Zoë 😀 ok")
    }

    @Test func markdownShowsInvisibleCharactersAsTheScreenDoes() {
        // ZWSP, BOM, WORD JOINER and a Hangul filler hide in a name; the screen shows them, so must the file.
        #expect(MarkdownText.line("Ana\u{200B}\u{FEFF}Ruiz\u{2060}\u{3164}") == "Ana\\\\u{200B}\\\\u{FEFF}Ruiz\\\\u{2060}\\\\u{3164}")
        #expect(MarkdownText.block("one\u{200B}\ntwo\u{FEFF}") == "one\\\\u{200B}\ntwo\\\\u{FEFF}")
    }

    @Test func markdownMetacharactersAreEscapedWhereTheyWouldBeMarkup() {
        #expect(MarkdownText.line("# Evil [x](http://e) \u{1B}[2J") == "\\# Evil \\[x\\](http://e) ^\\[\\[2J")
        #expect(MarkdownText.line("a*b*_c_ `d` <e> |f| ~g~ \\") == "a\\*b\\*\\_c\\_ \\`d\\` \\<e\\> \\|f\\| \\~g\\~ \\\\")
        #expect(MarkdownText.line("- item") == "\\- item")
        #expect(MarkdownText.line("+ item") == "\\+ item")
        #expect(MarkdownText.line("2026. A year") == "2026\\. A year")
        #expect(MarkdownText.line("3) three") == "3\\) three")
        #expect(MarkdownText.line("Q&A R & D &amp; &#x202E;") == ##"Q&A R & D \&amp; \&\#x202E;"##)
        #expect(MarkdownText.line("two\nlines") == "two^Jlines")
        #expect(MarkdownText.block("para\n\n===\n    code") == "para\n\n\\===\ncode")
        #expect(MarkdownText.link("https://ok.example/a?b=c") == "<https://ok.example/a?b=c>")
        #expect(MarkdownText.link("https://x.example/>[y](z)") == "https://x.example/\\>\\[y\\](z)")
    }
}
