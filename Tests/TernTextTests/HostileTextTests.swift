import HostileText
import Testing

/// The corpus the text tests stand on: it must hold every kind of hostile text without any file
/// from outside the repository.
@Suite("HostileText")
struct HostileTextTests {
    @Test func everyFamilyIsGeneratedWithoutTheSharedList() {
        let names = Set(HostileText.families.map(\.name))
        for expected in ["C0 controls", "DEL and C1 controls", "escape sequences", "bidi controls",
                         "line breaks and separators", "zero-width and format characters", "combining runs", "wide CJK",
                         "emoji ZWJ sequences", "flags", "skin tones", "tag sequences", "noncharacters", "private use"] {
            #expect(names.contains(expected), "no family \(expected)")
        }
        for family in HostileText.families {
            #expect(family.samples.count >= 8, "\(family.name) has \(family.samples.count) samples")
        }
    }

    @Test func theGeneratedCorpusHoldsEveryScalarTheRulesName() {
        let scalars = Set(HostileText.generated().flatMap { $0.unicodeScalars.map(\.value) })
        let required: [UInt32] = Array(0x00...0x1F) + Array(0x7F...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
            + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x3164,
               0xFDD0, 0xFFFE, 0x10FFFF, 0xE000, 0xF0000, 0x1F3FB, 0x1F3FF, 0x1F1EF, 0xE0067, 0xE007F, 0xFE0F, 0x0301]
        let missing = required.filter { !scalars.contains($0) }.map { String($0, radix: 16, uppercase: true) }
        #expect(missing.isEmpty, "missing U+\(missing)")
        #expect(HostileText.generated().contains { $0.unicodeScalars.count > 200 }, "no long combining run")
    }

    @Test func aMissingSharedListAddsNothingAndFailsNothing() {
        #expect(HostileText.naughtyStrings(at: "/nonexistent/naughty-strings/blns.json") == [])
        #expect(HostileText.randomStrings(count: 50) == HostileText.randomStrings(count: 50))
        #expect(HostileText.all().count >= HostileText.generated().count)
    }
}
