import Foundation
import TernPostgres
import TernStore
import TernViewModels

/// Many people on one PostgreSQL server at once: `--sessions` simulated sessions (60 % students,
/// 20 % advisors, 20 % kiosks) for `--concurrency-seconds`, each a ``PostgresCatalogue`` of its
/// own (its own connections, as each person's tern has), working as the screens do:
///
/// - a student types a search a letter at a time (first page of 50, then the count, per
///   keystroke, ~120 ms apart), opens a listing from the page (the listing, its fit, their
///   application), and applies to it half the time;
/// - an advisor reads the queue (`status:submitted` or `status:under_review`, oldest first) and
///   moves 1–5 of its first ten rows in one bulk move with the versions it read, so advisors
///   collide on the same rows: a conflict (``CatalogueError/changedSinceOpened(application:now:)``,
///   a version conflict) is the refusal the console shows, counted apart, never an error;
/// - a kiosk pages the listings (keyset pages of 40) and searches a word as the kiosk does.
///
/// Every write the server acknowledged is then read back (the lost-write check): each
/// application a student was told was made, and each move an advisor was told was made (the
/// event naming that advisor and status in the application's history).
struct ConcurrencyBench {
    let url: String
    let options: Options
    let report: Report

    /// The words students and kiosks type: the synthetic catalogue's vocabulary.
    static let words = ["python", "design", "market", "sales", "video", "data"]

    func run() throws {
        let sessions = options.sessions, seconds = options.concurrencySeconds, url = url
        let students = max(1, sessions * 6 / 10), advisors = max(1, sessions / 5), kiosks = max(0, sessions - students - advisors)
        report.section("Concurrency: \(sessions) sessions (\(students) students, \(advisors) advisors, \(kiosks) kiosks) for \(seconds) s on one PostgreSQL server")
        let studentCount = try blocking { () async throws -> Int in
            let catalogue = try await PostgresCatalogue.open(try PostgresLocation(parsing: url), as: currentLogin(), readOnly: true)
            defer { Task { await catalogue.close() } }
            // Synthetic catalogues have student1…studentN, N = listings / 5.
            var high = 1
            while try await catalogue.student(username: "student\(high * 2)") != nil { high *= 2 }
            var low = high, top = high * 2
            while top - low > 1 {
                let middle = (low + top) / 2
                if try await catalogue.student(username: "student\(middle)") != nil { low = middle } else { top = middle }
            }
            return low
        }
        let started = Date()
        let tallies: [Tally] = try blocking {
            let deadline = ContinuousClock.now + .seconds(seconds)
            return try await withThrowingTaskGroup(of: Tally.self) { group in
                for index in 0..<sessions {
                    let kind: Tally.Kind = index < students ? .student : index < students + advisors ? .advisor : .kiosk
                    group.addTask {
                        let tally = Tally(kind: kind, index: index)
                        var random = SystemRandomNumberGenerator()
                        let catalogue: PostgresCatalogue
                        do {
                            catalogue = try await tally.time("connect") {
                                try await PostgresCatalogue.open(try PostgresLocation(parsing: url), as: currentLogin(), readOnly: kind == .kiosk)
                            }
                        } catch {
                            return tally
                        }
                        switch kind {
                        case .student:
                            await Self.student(catalogue, tally, username: "student\(Int.random(in: 1...studentCount, using: &random))", until: deadline)
                        case .advisor:
                            await Self.advisor(catalogue, tally, number: index - students + 1, until: deadline)
                        case .kiosk:
                            await Self.kiosk(catalogue, tally, until: deadline)
                        }
                        await catalogue.close()
                        return tally
                    }
                }
                var all: [Tally] = []
                for try await tally in group { all.append(tally) }
                return all
            }
        }
        let took = Date().timeIntervalSince(started)
        // The server, this client and whatever else runs share the machine's cores.
        report.note("machine at the end of the run: \(Machine.describe())")
        var operations: [String: Samples] = [:]
        var errors: [String: Int] = [:], refusals: [String: Int] = [:]
        for tally in tallies {
            for (name, samples) in tally.samples { operations[name, default: Samples()].append(contentsOf: samples) }
            for (name, n) in tally.errors { errors[name, default: 0] += n }
            for (name, n) in tally.refusals { refusals[name, default: 0] += n }
        }
        for name in operations.keys.sorted() {
            let samples = operations[name]!
            report.add(name, samples, key: "concurrency.\(name)", note: String(format: "%.1f/s", Double(samples.count) / took))
        }
        let applies = tallies.flatMap(\.applied), moves = tallies.flatMap(\.moved)
        report.note("took \(String(format: "%.1f", took)) s; acknowledged writes: \(applies.count) applications made, \(moves.count) applications moved by advisors")
        report.note("expected refusals (not errors): " + (refusals.isEmpty ? "none" : refusals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        let errorCount = errors.values.reduce(0, +)
        report.note("errors: \(errorCount)" + (errors.isEmpty ? "" : " — " + errors.sorted { $0.value > $1.value }.prefix(8).map { "\($0.value)× \($0.key)" }.joined(separator: "; ")))

        // The lost-write check, on a connection of its own after every session has closed.
        let lost: [String] = try blocking {
            let catalogue = try await PostgresCatalogue.open(try PostgresLocation(parsing: url), as: currentLogin(), readOnly: true)
            var lost: [String] = []
            for made in applies {
                let found = try await catalogue.application(ofStudent: made.student, to: made.opportunity)
                if found?.id != made.application { lost.append("application \(made.application) of \(made.student)") }
            }
            for move in moves {
                let events = try await catalogue.events(of: move.application, as: Actor(role: .staff, username: move.advisor))
                if !events.contains(where: { $0.actorUsername == move.advisor && $0.toStatus == move.status }) {
                    lost.append("move of application \(move.application) to \(move.status.rawValue) by \(move.advisor)")
                }
            }
            await catalogue.close()
            return lost
        }
        report.note("lost writes: \(lost.count) of \(applies.count + moves.count) acknowledged writes read back"
                    + (lost.isEmpty ? "" : " — " + lost.prefix(5).joined(separator: "; ")))
        report.keep("concurrency.errors", Samples([Double(errorCount)]))
        report.keep("concurrency.lost", Samples([Double(lost.count)]))
    }

    // MARK: The sessions

    static func student(_ store: PostgresCatalogue, _ tally: Tally, username: String, until deadline: ContinuousClock.Instant) async {
        let today = CalendarDay(Date())
        while ContinuousClock.now < deadline {
            let word = words.randomElement()!
            var page: [OpportunitySummary] = []
            for length in 1...word.count where ContinuousClock.now < deadline {
                let query = OpportunityQuery(words: String(word.prefix(length)))
                let name = length == 1 ? "student: first page, first letter" : "student: first page, 2nd+ letter"
                if let rows = try? await tally.time(name, { try await store.opportunities(matching: query, after: nil, limit: 50, today: today) }) {
                    page = rows
                }
                _ = try? await tally.time("student: count per keystroke") { try await store.countOpportunities(matching: query, today: today) }
                try? await Task.sleep(for: .milliseconds(120))
            }
            guard let listing = page.randomElement(), ContinuousClock.now < deadline else { continue }
            _ = try? await tally.time("student: open a listing") {
                _ = try await store.opportunity(id: listing.id)
                _ = try await store.fit(of: listing.id, for: username)
                return try await store.application(ofStudent: username, to: listing.id)
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 300...1_000)))
            guard Bool.random(), ContinuousClock.now < deadline else { continue }
            let outcome = try? await tally.time("student: apply", { () async throws -> Application? in
                if let refusal = try await store.refusalToApply(as: username, to: listing.id, now: Date()) {
                    tally.refuse("student: apply: refused (\(Self.kind(of: refusal)))")
                    return nil
                }
                return try await store.apply(as: username, to: listing.id, coverNote: "I would love to help with this project.",
                                             portfolioLink: nil, hoursOffered: 10, now: Date())
            })
            if let made = outcome.flatMap({ $0 }) {
                tally.applied.append(.init(student: username, opportunity: listing.id, application: made.id))
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    static func advisor(_ store: PostgresCatalogue, _ tally: Tally, number: Int, until deadline: ContinuousClock.Instant) async {
        let username = "bench_advisor\(number)"
        let session: TriageSession
        do {
            session = try await tally.time("advisor: sign in (authorize + session)") {
                let access = try await store.authorize(.triageConsole, account: Account(uid: UInt32(5_000_000 + number), login: username), actingFor: nil)
                return try await store.triageSession(for: access)
            }
        } catch {
            return
        }
        var round = 0
        while ContinuousClock.now < deadline {
            round += 1
            let (from, to): (ApplicationStatus, ApplicationStatus) = round % 3 == 0 ? (.underReview, .shortlisted) : (.submitted, .underReview)
            guard let filter = try? TriageFilter(pattern: "status:\(from.rawValue)") else { return }
            let read = try? await tally.time("advisor: queue page", {
                try await store.triageQueue(filter, after: nil, order: .oldestFirst, limit: 40, offerWaitDays: nil, viewer: username, now: Date())
            })
            guard let page = read else { continue }
            _ = try? await tally.time("advisor: counts per status") { try await store.triageCount(TriageFilter(), offerWaitDays: nil, now: Date()) }
            let chosen = Array(page.rows.prefix(10).shuffled().prefix(Int.random(in: 1...5)))
            guard !chosen.isEmpty else { try? await Task.sleep(for: .milliseconds(500)); continue }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 200...800)))
            let targets = chosen.map { ApplicationVersion(id: $0.id, version: $0.version) }
            if let action = try? await tally.time("advisor: bulk move", {
                try await store.bulkMove(targets, to: to, session: session, reason: nil, note: nil, now: Date())
            }) {
                for application in action.applications {
                    tally.moved.append(.init(application: application.id, advisor: username, status: to))
                }
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 300...1_000)))
        }
    }

    static func kiosk(_ store: PostgresCatalogue, _ tally: Tally, until deadline: ContinuousClock.Instant) async {
        let today = CalendarDay(Date())
        while ContinuousClock.now < deadline {
            var cursor: OpportunityCursor? = nil
            for page in 0..<5 where ContinuousClock.now < deadline {
                let after = cursor
                cursor = (try? await tally.time(page == 0 ? "kiosk: first page" : "kiosk: next page") {
                    try await store.opportunities(matching: OpportunityQuery(), after: after, limit: 40, today: today)
                })?.last?.cursor
                try? await Task.sleep(for: .milliseconds(300))
            }
            let query = OpportunityQuery(words: String(words.randomElement()!.prefix(Int.random(in: 2...4))))
            if let rows = try? await tally.time("kiosk: search page", { try await store.opportunities(matching: query, after: nil, limit: 40, today: today) }),
               let listing = rows.randomElement() {
                _ = try? await tally.time("kiosk: count") { try await store.countOpportunities(matching: query, today: today) }
                _ = try? await tally.time("kiosk: open a listing") { try await store.opportunity(id: listing.id) }
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// A refusal's words without its numbers, so like refusals count together.
    static func kind(of refusal: String) -> String {
        String(refusal.prefix(60).filter { !$0.isNumber })
    }
}

/// What one session did: its timings per operation, its errors and expected refusals, and the
/// writes the server acknowledged. Owned by its session's task alone until the task returns it.
final class Tally: @unchecked Sendable {
    enum Kind { case student, advisor, kiosk }
    struct Applied { var student: String; var opportunity: Int64; var application: Int64 }
    struct Moved { var application: Int64; var advisor: String; var status: ApplicationStatus }

    let kind: Kind
    let index: Int
    var samples: [String: Samples] = [:]
    var errors: [String: Int] = [:]
    var refusals: [String: Int] = [:]
    var applied: [Applied] = []
    var moved: [Moved] = []

    init(kind: Kind, index: Int) {
        self.kind = kind
        self.index = index
    }

    func refuse(_ what: String) { refusals[what, default: 0] += 1 }

    /// Times `body` under `operation`. A conflict or business-rule refusal is counted as the
    /// refusal it is (and rethrown); anything else is an error.
    func time<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            let elapsed = ContinuousClock.now - start
            samples[operation, default: Samples()].append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            return value
        } catch let error as CatalogueError {
            switch error {
            case .changedSinceOpened, .versionConflict:
                refusals["\(operation): conflict with another advisor (expected)", default: 0] += 1
            case .refused(let words):
                refusals["\(operation): refused (\(ConcurrencyBench.kind(of: words)))", default: 0] += 1
            default:
                errors["\(operation): \(String(describing: error).prefix(120))", default: 0] += 1
            }
            throw error
        } catch {
            errors["\(operation): \(String(describing: error).prefix(120))", default: 0] += 1
            throw error
        }
    }
}
