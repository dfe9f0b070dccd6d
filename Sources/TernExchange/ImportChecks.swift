import Foundation
import TernStore

/// A listing from an import file, checked and ready to write.
package struct ImportedListing: Sendable {
    package var listing: Opportunity
    /// Whether the file gave `posted_at`. When it did not, a new listing is posted now and an
    /// existing one keeps its date: re-importing a spreadsheet must not make every listing new
    /// to the students' saved searches.
    package var givesPostedAt: Bool

    package init(listing: Opportunity, givesPostedAt: Bool) {
        self.listing = listing
        self.givesPostedAt = givesPostedAt
    }
}

/// What checking a listings file found that the writing needs before its first row: how many
/// rows, and the organizations and skills they name (each once, ignoring case as the catalogue
/// does, spelled as first met), so that the missing ones are created before the rows arrive.
package struct ListingImportPlan: Sendable {
    package var rows = 0
    package var organizations: [String] = []
    package var skills: [String] = []

    package init() {}
}

/// One application row, checked and ready to write.
package struct ImportedApplication {
    package var row: ExchangeRow
    package var student: String
    package var opportunity: String
    package var status: ApplicationStatus
    package var reason: String?
    package var coverNote: String
    package var portfolioLink: String?
    package var hoursOffered: Int
    package var createdAt: String
    package var updatedAt: String
}

extension ApplicationStatus {
    /// The shortest legal path from `submitted` to this status, for recreating an imported
    /// application through the state machine rather than around it.
    package var pathFromSubmitted: [ApplicationStatus] {
        var previous: [ApplicationStatus: ApplicationStatus] = [:]
        var queue: [ApplicationStatus] = [.submitted]
        var visited: Set<ApplicationStatus> = [.submitted]
        while !queue.isEmpty {
            let status = queue.removeFirst()
            if status == self { break }
            for next in status.nextStatuses where visited.insert(next).inserted {
                previous[next] = status
                queue.append(next)
            }
        }
        var path: [ApplicationStatus] = [self]
        while let before = previous[path[0]] { path.insert(before, at: 0) }
        return path
    }
}

/// The engine-neutral checking of an import file, shared by every back end: each reads the
/// file with ``ImportScan`` and ``ExchangeReader``, checks every value here before it writes
/// anything, and refuses the first bad value with its line and column (``ImportError``).
package enum ImportChecks {
    /// SQLite's NOCASE (and the PostgreSQL schema's `tern_nocase`): ASCII A–Z fold to a–z,
    /// every other byte stays as it is.
    @Sendable package static func nocase(_ text: String) -> [UInt8] {
        text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }

    /// Checks every row of a listings file (the first and only full reading without the lock),
    /// refusing the first bad value or repeated ref with its place.
    package static func opportunities(_ rows: inout ExchangeReader, postedAt stamp: String,
                                      progress: ImportProgressMeter?) throws(ImportError) -> ListingImportPlan {
        var plan = ListingImportPlan()
        var firstLine: [String: Int] = [:]
        // Spellings met (cheap to test), and the folded names that decide what is new.
        var organizationSpellings = Set<String>(), organizationKeys = Set<[UInt8]>()
        var skillSpellings = Set<String>(), skillKeys = Set<[UInt8]>()
        let dates = ImportDates()
        while let row = try rows.next() {
            progress?.advance(to: plan.rows)
            let opportunity = try ExchangeValidation.opportunity(row, postedAt: stamp, dates: dates)
            if let line = firstLine.updateValue(row.line, forKey: opportunity.ref) {
                throw row.error("ref", "duplicate ref \"\(opportunity.ref)\" (first on line \(line))")
            }
            if organizationSpellings.insert(opportunity.organization).inserted,
               organizationKeys.insert(nocase(opportunity.organization)).inserted {
                plan.organizations.append(opportunity.organization)
            }
            for skill in opportunity.skills where skillSpellings.insert(skill).inserted {
                if skillKeys.insert(nocase(skill)).inserted { plan.skills.append(skill) }
            }
            plan.rows += 1
        }
        return plan
    }

    /// Reads a checked listings file again (held to the first reading's fingerprint), on a thread
    /// of its own, and hands its listings over in batches, a few batches ahead of the writing.
    package static func readCheckedListings(_ source: ImportSource, format: ExchangeFormat, fingerprint: ImportFingerprint,
                                            postedAt stamp: String) -> ImportPipeline<[ImportedListing]> {
        ImportPipeline(depth: 4) { emit in
            var rows = try ExchangeReader(source, format: format, checkingAgainst: fingerprint, subject: .opportunities)
            let dates = ImportDates()
            var batch: [ImportedListing] = []
            batch.reserveCapacity(listingBatchSize)
            while let row = try rows.next() {
                let listing = try ExchangeValidation.opportunity(row, postedAt: stamp, dates: dates)
                batch.append(ImportedListing(listing: listing, givesPostedAt: try row.optionalText("posted_at") != nil))
                if batch.count == listingBatchSize {
                    guard emit(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = emit(batch) }
        }
    }

    /// Listings handed from the reading thread to the writing one at a time.
    package static let listingBatchSize = 250

    /// Checks every row of a students file, refusing the first bad value or repeated username.
    package static func students(_ rows: inout ExchangeReader, progress: ImportProgressMeter?) throws(ImportError) -> [Student] {
        var firstLine: [String: Int] = [:]
        var records: [Student] = []
        while let row = try rows.next() {
            progress?.advance(to: records.count)
            let student = try ExchangeValidation.student(row)
            if let line = firstLine[student.username] {
                throw row.error("username", "duplicate username \"\(student.username)\" (first on line \(line))")
            }
            firstLine[student.username] = row.line
            records.append(student)
        }
        return records
    }

    /// Checks every application row before any writing starts.
    package static func applications(_ rows: [ExchangeRow], now: Date,
                                     progress: ImportProgressMeter? = nil) throws(ImportError) -> [ImportedApplication] {
        var records: [ImportedApplication] = []
        var firstLine: [String: Int] = [:]
        let stamp = Timestamp.string(now)
        for (index, row) in rows.enumerated() {
            progress?.advance(to: index)
            let status = try row.enumeration("status", ApplicationStatus.self)
            let item = ImportedApplication(
                row: row, student: try row.text("student", .username), opportunity: try row.required("opportunity"),
                status: status, reason: try row.optionalText("status_reason", .statusReason),
                coverNote: try row.optionalText("cover_note", .coverNote) ?? "",
                portfolioLink: try row.optionalText("portfolio_link", .portfolioLink),
                hoursOffered: try row.int("hours_offered", in: 1...400),
                createdAt: try row.timestamp("created_at") ?? stamp, updatedAt: try row.timestamp("updated_at") ?? stamp)
            if status == .rejected, item.reason == nil { throw row.error("status_reason", "is required for rejected applications") }
            let key = "\(item.student)\u{0}\(item.opportunity)"
            if let line = firstLine[key] { throw row.error("opportunity", "duplicate application (first on line \(line))") }
            firstLine[key] = row.line
            records.append(item)
        }
        return records
    }

    /// The audit row's detail for an import that wrote `counts` rows of `subject`.
    package static func auditDetail(_ counts: (Int, Int), subject: ExchangeSubject, origin: String) -> String {
        "\(counts.0 + counts.1) \(subject.rawValue) from \(origin): \(counts.0) new, \(counts.1) updated"
    }
}
