import Foundation
import Testing
import StoreFixtures
import TernStore

/// An import reads the same files the same way on every back end: the demo's own export
/// re-imports as updates, the same rows under new keys import as new ones (listings, students,
/// applications with their history), a dry run writes nothing, and a bad value is refused with
/// its line and column before anything is written.
@Suite struct ImportContract {
    private func record(_ store: any CatalogueStore) async throws -> ImportRecord {
        let access = try await store.authorize(.importFile, account: Demo.admin, actingFor: nil)
        return ImportRecord(session: try await store.triageSession(for: access), origin: "contract")
    }

    private func run(_ store: any CatalogueStore, _ data: Data, _ format: ExchangeFormat, dryRun: Bool = false) async throws -> ImportSummary {
        try await store.importFile(ImportSource(data), format: format, dryRun: dryRun, now: Demo.now,
                                   recorded: try await record(store), progress: nil)
    }

    /// The exported JSON with every value of `key` prefixed, so that each row is a new one.
    private func renamed(_ data: Data, key: String, prefix: String) -> Data {
        Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(key)\": \"", with: "\"\(key)\": \"\(prefix)").utf8)
    }

    /// What one back end made of the demo's exported files: the summaries, and the rows read back.
    private struct Outcome: Equatable {
        var summaries: [String] = []
        var listings: [Opportunity] = []
        var students: [Student] = []
        var applications: [String] = []
    }

    private func outcome(of backEnd: BackEnd, listingsCSV: Data, listingsJSON: Data, studentsJSON: Data,
                         applicationsJSON: Data, refs: [String], usernames: [String]) async throws -> Outcome {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        var outcome = Outcome()
        func note(_ summary: ImportSummary) { outcome.summaries.append("\(summary.subject) \(summary.inserted) \(summary.updated)") }
        // The demo's own listings: each an update (the export was seeded moments apart, so its
        // dates differ); imported again, each is an update that changes nothing, not even its version.
        note(try await run(store, listingsCSV, .csv))
        let before = try await store.opportunity(ref: refs[0])
        note(try await run(store, listingsCSV, .csv))
        let after = try await store.opportunity(ref: refs[0])
        #expect(after?.version == before?.version, "\(backEnd)")
        #expect(after == before, "\(backEnd)")
        // The same listings under new refs: all new, read back as the file has them.
        note(try await run(store, renamed(listingsJSON, key: "ref", prefix: "x-"), .json))
        for ref in refs {
            var listing = try #require(try await store.opportunity(ref: "x-" + ref), "\(backEnd) x-\(ref)")
            let original = try #require(try await store.opportunity(ref: ref))
            #expect(listing.version == 1)
            #expect(listing.title == original.title && listing.deliverables == original.deliverables
                    && Set(listing.skills) == Set(original.skills) && listing.compensation == original.compensation
                    && listing.postedAt == original.postedAt && listing.deadline == original.deadline, "\(backEnd) \(ref)")
            listing.id = nil
            listing.skills.sort()
            outcome.listings.append(listing)
        }
        // Students: the export re-imports as updates; under new usernames, as new students.
        note(try await run(store, studentsJSON, .json))
        note(try await run(store, renamed(studentsJSON, key: "username", prefix: "x"), .json))
        for username in usernames {
            var student = try #require(try await store.student(username: "x" + username), "\(backEnd) x\(username)")
            let original = try #require(try await store.student(username: username))
            #expect(student.name == original.name && student.email == original.email
                    && Set(student.skills.map(\.name)) == Set(original.skills.map(\.name)), "\(backEnd) \(username)")
            student.id = nil
            student.skills.sort { $0.name < $1.name }
            outcome.students.append(student)
        }
        // Applications: the export's are all there already; the new students' are filed and
        // walked to their status, each step an event.
        note(try await run(store, applicationsJSON, .json))
        note(try await run(store, renamed(applicationsJSON, key: "student", prefix: "x"), .json))
        for username in usernames {
            let mine = try await store.applications(ofStudent: "x" + username)
            let originals = try await store.applications(ofStudent: username)
            let statuses: [String] = mine.map(\.application.status.rawValue).sorted()
            let originalStatuses: [String] = originals.map(\.application.status.rawValue).sorted()
            #expect(statuses == originalStatuses, "\(backEnd) \(username)")
            for overview in mine.sorted(by: { $0.opportunity.ref < $1.opportunity.ref }) {
                let events = try await store.events(of: overview.id, as: Actor(role: .staff, username: "shaddad"))
                #expect(events.first?.toStatus == .submitted && events.last?.toStatus == overview.application.status, "\(backEnd)")
                outcome.applications.append(([overview.opportunity.ref, overview.application.status.rawValue]
                    + events.map { "\($0.fromStatus?.rawValue ?? "-")>\($0.toStatus?.rawValue ?? "-") \($0.actorUsername) \($0.note ?? "")" })
                    .joined(separator: " | "))
            }
        }
        return outcome
    }

    /// The demo's exported listings, students and applications import into each back end's demo
    /// with the same summaries, and read back the same.
    @Test func theSameFilesImportTheSameOnEveryBackEnd() async throws {
        let now = Date()
        let listingsCSV = try DemoExport.file(.opportunities, as: .csv, seededAt: now)
        let listingsJSON = try DemoExport.file(.opportunities, as: .json, seededAt: now)
        let studentsJSON = try DemoExport.file(.students, as: .json, seededAt: now)
        let applicationsJSON = try DemoExport.file(.applications, as: .json, seededAt: now)
        // A few listings and students to read back whole, taken from the files themselves.
        func values(_ key: String, in data: Data) -> [String] {
            let text = String(decoding: data, as: UTF8.self)
            return text.components(separatedBy: "\"\(key)\": \"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
        }
        let refs = Array(values("ref", in: listingsJSON).prefix(12))
        let usernames = Array(Set(values("student", in: applicationsJSON))).sorted().prefix(6).map { $0 }
        #expect(refs.count == 12 && usernames.count == 6)
        var outcomes: [BackEnd: Outcome] = [:]
        for backEnd in BackEnd.all {
            outcomes[backEnd] = try await outcome(of: backEnd, listingsCSV: listingsCSV, listingsJSON: listingsJSON,
                                                  studentsJSON: studentsJSON, applicationsJSON: applicationsJSON,
                                                  refs: refs, usernames: usernames)
        }
        let sqlite = try #require(outcomes[.sqlite])
        let listings = values("ref", in: listingsJSON).count, students = values("username", in: studentsJSON).count
        let applications = values("student", in: applicationsJSON).count
        #expect(sqlite.summaries == [
            "opportunities 0 \(listings)", "opportunities 0 \(listings)", "opportunities \(listings) 0", "students 0 \(students)", "students \(students) 0",
            "applications 0 0", "applications \(applications) 0",
        ])
        #expect(sqlite.applications.count >= usernames.count)
        for (backEnd, outcome) in outcomes where backEnd != .sqlite {
            #expect(outcome.summaries == sqlite.summaries, "\(backEnd)")
            #expect(outcome.listings == sqlite.listings, "\(backEnd)")
            #expect(outcome.students == sqlite.students, "\(backEnd)")
            #expect(outcome.applications == sqlite.applications, "\(backEnd)")
        }
    }

    private static let header = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind,skills,deliverables"

    private func listingsCSV(_ rows: [String]) -> Data {
        Data(([Self.header] + rows).joined(separator: "\n").appending("\n").utf8)
    }

    private func row(_ ref: String, hours: String = "10", organization: String = "Import Contract Ltd",
                     skills: String = "Figma|Import Skill", deliverables: String = "One|Two") -> String {
        "\(ref),Listing \(ref),\(organization),design,\(hours),14,\(Demo.today.adding(days: 30).description),unpaid,remote,\(skills),\(deliverables)"
    }

    /// A dry run checks everything and says what it would do, and writes nothing: no listing,
    /// no organization, no skill, no audit row.
    @Test(arguments: BackEnd.all)
    func aDryRunWritesNothing(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let file = listingsCSV([row("dry-1"), row("dry-2"), row("dry-3")])
        let dry = try await run(store, file, .csv, dryRun: true)
        #expect(dry.subject == "opportunities" && dry.inserted == 3 && dry.updated == 0)
        for n in 1...3 { #expect(try await store.opportunity(ref: "dry-\(n)") == nil) }
        #expect(try await store.organization(named: "Import Contract Ltd") == nil)
        let wet = try await run(store, file, .csv)
        #expect(wet.inserted == 3 && wet.updated == 0)
        let listing = try #require(try await store.opportunity(ref: "dry-2"))
        #expect(listing.hours == 10 && listing.deliverables == ["One", "Two"] && Set(listing.skills) == ["Figma", "Import Skill"])
        #expect(try await store.organization(named: "import contract ltd")?.name == "Import Contract Ltd")
        #expect(try await store.approval(ofListing: try #require(listing.id)) == .pending)
        // Again: every row is an update now, and a dry run of it changes nothing either.
        let again = try await run(store, listingsCSV([row("dry-1", hours: "11"), row("dry-2"), row("dry-3")]), .csv, dryRun: true)
        #expect(again.inserted == 0 && again.updated == 3)
        #expect(try await store.opportunity(ref: "dry-1")?.hours == 10)
        // For real: a changed value, changed skills or changed deliverables move a listing's
        // version on; an unchanged one keeps it.
        let changed = try await run(store, listingsCSV([row("dry-1", hours: "11"), row("dry-2"),
                                                        row("dry-3", skills: "figma|SQL", deliverables: "Two|One")]), .csv)
        #expect(changed.inserted == 0 && changed.updated == 3)
        let one = try #require(try await store.opportunity(ref: "dry-1"))
        let two = try #require(try await store.opportunity(ref: "dry-2"))
        let three = try #require(try await store.opportunity(ref: "dry-3"))
        #expect(one.hours == 11 && one.version == 2)
        #expect(two.version == 1)
        #expect(three.version == 2 && three.deliverables == ["Two", "One"] && Set(three.skills) == ["Figma", "SQL"])
    }

    /// A trusted organization's new listings arrive approved, each with the system's decision,
    /// unless a review flag is raised on one (here: the title of another of its listings), which
    /// then waits for a reviewer, written once (version 1).
    @Test(arguments: BackEnd.all)
    func aTrustedOrganizationsListingsArriveApprovedUnlessFlagged(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let organization = "Copperline Bikes"
        try await store.trustOrganization(organization, note: nil, expectedVersion: nil,
                                          by: Actor(role: .staff, username: "shaddad"), now: Demo.now)
        let existing = try #require(try await store.opportunity(ref: "copperline-email-winback"))
        let deadline = Demo.today.adding(days: 30).description
        let file = listingsCSV([
            "trust-1,A fresh Copperline listing,\(organization),design,2,14,\(deadline),unpaid,remote,,",
            "trust-2,\(existing.title.lowercased()),\(organization),design,2,14,\(deadline),unpaid,remote,,",
        ])
        let summary = try await run(store, file, .csv)
        #expect(summary.inserted == 2 && summary.updated == 0)
        let approved = try #require(try await store.opportunity(ref: "trust-1"))
        let flagged = try #require(try await store.opportunity(ref: "trust-2"))
        #expect(try await store.approval(ofListing: try #require(approved.id)) == .approved)
        #expect(try await store.approval(ofListing: try #require(flagged.id)) == .pending)
        #expect(approved.version == 1 && flagged.version == 1)
        let decisions = try await store.decisions(forOrganization: organization)
        #expect(decisions.filter { $0.ref?.hasPrefix("trust-") == true }.map { "\($0.ref ?? "") \($0.decision.rawValue) \($0.note ?? "") \($0.actor.username)" }
                == ["trust-1 approved trusted organization \(Actor.system.username)"])
    }

    /// A bad value is refused with its line and column (the field number in CSV, the character
    /// column in JSON), in the same words on every back end, and nothing of the file is written.
    @Test(arguments: BackEnd.all)
    func aBadValueNamesItsLineAndColumnAndWritesNothing(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let csv = listingsCSV([row("bad-1"), row("bad-2", organization: "Brand New Org"), row("bad-3", hours: "lots")])
        let refusal = await #expect(throws: ImportError.self) { try await run(store, csv, .csv) }
        #expect(refusal?.line == 4 && refusal?.column == 5)
        #expect(refusal?.message.hasPrefix("hours: must be a whole number from 1 to ") == true)
        #expect(refusal?.message.hasSuffix("got \"lots\"") == true)
        for n in 1...3 { #expect(try await store.opportunity(ref: "bad-\(n)") == nil) }
        #expect(try await store.organization(named: "Brand New Org") == nil)

        let badLine = #"  {"username": "badimport2", "name": "Bad Import 2", "email": "bad2@example.org", "hours_per_week": 99}"#
        let json = Data("""
            [
              {"username": "badimport", "name": "Bad Import", "email": "bad@example.org"},
            \(badLine)
            ]
            """.utf8)
        let column = badLine.distance(from: badLine.startIndex, to: try #require(badLine.range(of: "99")).lowerBound) + 1
        let jsonRefusal = await #expect(throws: ImportError.self) { try await run(store, json, .json) }
        #expect(jsonRefusal == ImportError(line: 3, column: column, message: "hours_per_week: must be a whole number from 0 to 80, got \"99\""))
        #expect(try await store.student(username: "badimport") == nil)

        // An application for a listing that does not exist is refused where it stands, after
        // the ones before it were checked: nothing is filed.
        #expect(try await run(store, listingsCSV([row("good-1")]), .csv).inserted == 1)
        let applications = Data("""
            student,opportunity,status,hours_offered
            demo,good-1,submitted,5
            demo,no-such-listing,submitted,5
            """.utf8)
        let before = try await store.applications(ofStudent: "demo").count
        let applicationRefusal = await #expect(throws: ImportError.self) { try await run(store, applications, .csv) }
        #expect(applicationRefusal == ImportError(line: 3, column: 2, message: "opportunity: no listing with ref \"no-such-listing\""))
        #expect(try await store.applications(ofStudent: "demo").count == before)
    }
}
