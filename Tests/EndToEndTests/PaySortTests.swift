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

        let result = try TernProcess.run(["search", "--sort", "pay", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let listings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(listings.compactMap { $0["ref"] as? String } == ["usd-650", "usd-25h", "eur-30h", "jpy-120k", "jpy-45k", "unpaid"])

        let paidOnly = try TernProcess.run(["search", "--sort", "pay", "--paid", "--limit", "2", "--json", "--db", db])
        let top = try #require(try JSONSerialization.jsonObject(with: Data(paidOnly.stdout.utf8)) as? [[String: Any]])
        #expect(top.compactMap { $0["ref"] as? String } == ["usd-650", "usd-25h"])
    }
}
