import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// `sort pay` (issue 9): the home currency first by pay per estimated hour, each other currency
/// after it, then what pays nothing per hour; amounts in different currencies never compared.
@Suite struct PayOrderTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([
            ["ref": "jpy-120k", "compensation_amount": 120_000, "currency": "JPY", "hours": 10],
            ["ref": "usd-650", "compensation_amount": 650, "currency": "USD", "hours": 18],
            ["ref": "jpy-45k", "compensation_amount": 45_000, "currency": "JPY", "hours": 10],
            ["ref": "credit", "compensation_kind": "academic_credit", "compensation_amount": NSNull(), "currency": NSNull()],
            ["ref": "eur-30h", "compensation_kind": "hourly", "compensation_amount": 30, "currency": "EUR"],
            ["ref": "unpaid", "compensation_kind": "unpaid", "compensation_amount": NSNull(), "currency": NSNull()],
            ["ref": "usd-25h", "compensation_kind": "hourly", "compensation_amount": 25, "currency": "USD"],
        ])
    }

    func refs(_ query: OpportunityQuery = OpportunityQuery(sort: .pay)) throws -> [String] {
        try fixture.catalogue.opportunities(matching: query, limit: 100).map(\.ref)
    }

    @Test func twoYenListingsDoNotOutrankDollarsForEighteenHours() throws {
        // USD 650 / 18 h = 36.11 an hour beats USD 25 an hour; EUR follows the home currency,
        // then JPY (by code), each by its own pay per hour; credit before unpaid at the end.
        #expect(try refs() == ["usd-650", "usd-25h", "eur-30h", "jpy-120k", "jpy-45k", "credit", "unpaid"])
    }

    @Test func paidOnlyKeepsTheSameOrderWithoutCreditOrUnpaid() throws {
        #expect(try refs(OpportunityQuery(paidOnly: true, sort: .pay)) == ["usd-650", "usd-25h", "eur-30h", "jpy-120k", "jpy-45k"])
    }

    @Test func keysetPagesCrossEveryCurrencyBoundaryReturningEachRowOnceInOrder() throws {
        // Many exact ties (same currency, amount and hours): broken by id, newest first.
        let currencies = ["USD", "EUR", "JPY", "GBP", "CAD"]
        try fixture.addListings((0..<46).map { n -> [String: Any] in
            var listing: [String: Any] = ["ref": "bulk-\(n)"]
            switch n % 9 {
            case 7: listing.merge(["compensation_kind": "unpaid", "compensation_amount": NSNull(), "currency": NSNull()]) { $1 }
            case 8: listing.merge(["compensation_kind": "certificate", "compensation_amount": NSNull(), "currency": NSNull()]) { $1 }
            default: listing.merge(["compensation_amount": 100 * (1 + n % 2), "currency": currencies[n % currencies.count]]) { $1 }
            }
            return listing
        })
        let expected = try expectedPayOrder(home: "USD")
        #expect(expected.count == 53)
        for pageSize in [1, 4, 10] {
            var seen: [String] = []
            var cursor: OpportunityCursor? = nil
            while true {
                let page = try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .pay), after: cursor, limit: pageSize)
                seen += page.map(\.ref)
                guard page.count == pageSize, let last = page.last else { break }
                cursor = last.cursor
            }
            #expect(seen == expected, "pages of \(pageSize)")
        }
    }

    @Test func changingTheHomeCurrencyReRanksEveryListingAndNewOnes() throws {
        #expect(try fixture.catalogue.homeCurrency() == "USD")
        try fixture.catalogue.setHomeCurrency("JPY")
        #expect(try fixture.catalogue.homeCurrency() == "JPY")
        #expect(try refs() == ["jpy-120k", "jpy-45k", "eur-30h", "usd-650", "usd-25h", "credit", "unpaid"])
        try fixture.addListings([["ref": "jpy-5k", "compensation_amount": 5_000, "currency": "JPY", "hours": 10]])
        #expect(try refs().prefix(4) == ["jpy-120k", "jpy-45k", "jpy-5k", "eur-30h"])
        #expect(try fixture.catalogue.check().isHealthy)
    }

    @Test func reImportingAListingInAnotherCurrencyMovesIt() throws {
        try fixture.addListings([["ref": "usd-650", "compensation_amount": 650, "currency": "GBP", "hours": 18]])
        #expect(try refs() == ["usd-25h", "eur-30h", "usd-650", "jpy-120k", "jpy-45k", "credit", "unpaid"])
        try fixture.addListings([["ref": "usd-650", "compensation_kind": "unpaid", "compensation_amount": NSNull(), "currency": NSNull()]])
        #expect(try refs().suffix(2) == ["unpaid", "usd-650"], "of two unpaid listings the newer comes first")
    }

    @Test func theHomeCurrencyIsAThreeLetterCodeThatCanChangeButNotGo() throws {
        for bad in ["usd", "US", "USDX", "U$D", "ÜSD", ""] {
            #expect(throws: CatalogueError.self) { try fixture.catalogue.setHomeCurrency(bad) }
        }
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write { try $0.execute(sql: "UPDATE settings SET value = 'eu' WHERE key = 'home_currency'") }
        }
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write { try $0.execute(sql: "DELETE FROM settings WHERE key = 'home_currency'") }
        }
        // Replacing the row (a delete SQLite does without delete triggers) still re-ranks.
        try fixture.catalogue.write { try $0.execute(sql: "INSERT OR REPLACE INTO settings(key, value) VALUES ('home_currency', 'EUR')") }
        #expect(try refs().first == "eur-30h")
        #expect(try fixture.catalogue.homeCurrency() == "EUR")
    }

    @Test func aCatalogueMadeBeforeThePayOrderIsRankedWhenMigrated() throws {
        let path = fixture.directory.appendingPathComponent("v2.sqlite").path
        let old = try DatabaseQueue(path: path)
        try CatalogueSchema.migrator.migrate(old, upTo: "v2-student-actions")
        try old.write { db in
            try db.execute(sql: "INSERT INTO organizations(name, kind, created_at) VALUES ('Acme Studio', 'company', '2026-01-01T00:00:00Z')")
            for (ref, kind, cents, currency, hourly) in [("jpy", "fixed_fee", 12_000_000, "JPY", 1_200_000), ("usd", "fixed_fee", 65_000, "USD", 6_500),
                                                         ("credit", "academic_credit", nil, nil, 0)] as [(String, String, Int?, String?, Int)] {
                try db.execute(sql: """
                    INSERT INTO opportunities(ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                        compensation_kind, compensation_cents, currency, hourly_cents, location_kind, status, posted_at, updated_at)
                    VALUES (?, 1, 'Poster', 'design', 10, 7, 'flexible', '2099-01-01', ?, ?, ?, ?, 'remote', 'open',
                            '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                    """, arguments: [ref, kind, cents, currency, hourly])
            }
        }
        try old.close()
        let migrated = try Catalogue(path: path)
        #expect(try migrated.opportunities(matching: OpportunityQuery(sort: .pay), limit: 10).map(\.ref) == ["usd", "jpy", "credit"])
        #expect(try migrated.homeCurrency() == "USD")
        let report = try migrated.check()
        #expect(report.isHealthy && report.lines.contains("schema: \(CatalogueSchema.latestVersion)"))
    }

    @Test func theSyntheticCatalogueRanksItsListingsAsTheTriggersWould() throws {
        let path = fixture.directory.appendingPathComponent("synthetic.sqlite").path
        try Catalogue.createSynthetic(at: path, count: 400, seed: 3)
        let synthetic = try Catalogue(path: path)
        let recomputed = PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: PayRank.storedHomeCurrency)
        let (wrong, bands) = try synthetic.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities WHERE pay_rank IS NOT \(recomputed)") ?? -1,
             try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT CASE WHEN pay_rank >= \(PayRank.homeBand) THEN 2 WHEN pay_rank >= \(PayRank.otherCurrencyBand) THEN 1 ELSE 0 END)
                FROM opportunities
                """) ?? 0)
        }
        #expect(wrong == 0)
        #expect(bands == 3, "home currency, other currencies and unpaid listings all present")
        // The triggers suspended for the load are back: a listing added later is ranked.
        try synthetic.importApproved(Data("""
            ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind
            later,Later,Acme Studio,design,1,5,2099-01-01,hourly,99999,USD,remote

            """.utf8), format: .csv)
        #expect(try synthetic.opportunities(matching: OpportunityQuery(sort: .pay), limit: 1).map(\.ref) == ["later"])
    }

    /// The pay order worked out here, independently of the SQL: home currency by pay per hour,
    /// then other currencies by code and pay per hour, then paid-for-nothing, credit and
    /// certificate, unpaid; ties newest first.
    func expectedPayOrder(home: String) throws -> [String] {
        let rows = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, ref, compensation_kind, currency, hourly_cents FROM opportunities WHERE status = 'open'")
        }
        func key(_ row: Row) -> (Int, String, Int, Int64) {
            let currency: String? = row["currency"], hourly: Int = row["hourly_cents"], kind: String = row["compensation_kind"]
            let band = hourly > 0 ? (currency == home ? 0 : 1) : kind == "unpaid" ? 4 : ["academic_credit", "certificate"].contains(kind) ? 3 : 2
            return (band, band == 1 ? currency ?? "" : "", -hourly, -(row["id"] as Int64))
        }
        return rows.sorted { key($0) < key($1) }.map { $0["ref"] }
    }
}
