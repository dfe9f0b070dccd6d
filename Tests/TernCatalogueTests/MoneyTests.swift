import Testing
@testable import TernCatalogue

@Suite struct MoneyTests {
    @Test func decimalsParseExactlyAndAmountsTooLargeForCentsAreRefusedNotCrashed() {
        #expect(Money(decimal: "18.5", currency: "USD")?.cents == 1_850)
        #expect(Money(decimal: "250", currency: "USD")?.cents == 25_000)
        #expect(Money(decimal: "0.07", currency: "EUR")?.cents == 7)
        #expect(Money(decimal: "92233720368547759", currency: "USD") == nil)
        #expect(Money(decimal: "92233720368547758.07", currency: "USD")?.cents == 9_223_372_036_854_775_807)
        #expect(Money(decimal: "99999999999999999999", currency: "USD") == nil)
        #expect(Money(decimal: "1.234", currency: "USD") == nil)
        #expect(Money(decimal: "-5", currency: "USD") == nil)
    }
}
