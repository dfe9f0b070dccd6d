import Foundation
import Testing

/// `tern search --sort pay` on a catalogue made and filled the way staff do it: the home
/// currency (USD) first by pay per estimated hour, other currencies after, never one number.
@Suite struct PaySortTests {
    @Test func yenAmountsDoNotOutrankDollarsPerHourOnTheCommandLine() throws {
        let scratch = try Scratch()
        let db = scratch.path("pay.sqlite")
        let created = try TernProcess.run(["init", "--db", db])
        try #require(created.status == 0, "\(created.stderr)")
        let file = scratch.path("listings.csv")
        try """
            ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind
            jpy-120k,Brand audit,Kumo KK,marketing,10,7,2099-01-01,fixed_fee,120000,JPY,remote
            usd-650,Survey analysis,Acme Studio,research,18,7,2099-01-01,fixed_fee,650,USD,remote
            jpy-45k,Logo refresh,Kumo KK,design,10,7,2099-01-01,fixed_fee,45000,JPY,remote
            unpaid,Volunteer posters,Food Bank,design,5,7,2099-01-01,unpaid,,,remote
            eur-30h,Copy editing,Verlag Nord,writing,8,7,2099-01-01,hourly,30,EUR,remote
            usd-25h,Data entry,Acme Studio,data_entry,8,7,2099-01-01,hourly,25,USD,remote

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try TernProcess.run(["import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        try TernProcess.approvePending(db: db)

        let result = try TernProcess.run(["search", "--sort", "pay", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let listings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(listings.compactMap { $0["ref"] as? String } == ["usd-650", "usd-25h", "eur-30h", "jpy-120k", "jpy-45k", "unpaid"])

        let paidOnly = try TernProcess.run(["search", "--sort", "pay", "--paid", "--limit", "2", "--json", "--db", db])
        let top = try #require(try JSONSerialization.jsonObject(with: Data(paidOnly.stdout.utf8)) as? [[String: Any]])
        #expect(top.compactMap { $0["ref"] as? String } == ["usd-650", "usd-25h"])

        // Staff (here the file's owner) make yen the home currency: yen listings lead, by pay per hour.
        #expect(try TernProcess.run(["settings", "--db", db]).stdout.hasPrefix("home-currency = USD\n"))
        let changed = try TernProcess.run(["settings", "--home-currency", "JPY", "--db", db])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.hasPrefix("home-currency = JPY\n"))
        let inYen = try TernProcess.run(["search", "--sort", "pay", "--limit", "3", "--json", "--db", db])
        let yenFirst = try #require(try JSONSerialization.jsonObject(with: Data(inYen.stdout.utf8)) as? [[String: Any]])
        #expect(yenFirst.compactMap { $0["ref"] as? String } == ["jpy-120k", "jpy-45k", "eur-30h"])
        let bad = try TernProcess.run(["settings", "--home-currency", "yen", "--db", db])
        #expect(bad.status == 1)
        #expect(bad.stderr == "tern: the home currency must be a three-letter ISO 4217 code such as USD, got \"yen\"\n")
    }
}
