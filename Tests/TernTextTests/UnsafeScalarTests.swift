import Testing
import TernText

@Suite("UnsafeScalar")
struct UnsafeScalarTests {
    @Test func documentedExamples() {
        #expect(UnsafeScalar.contains("\u{1B}"))
        #expect(UnsafeScalar.contains("\u{202E}"))
        #expect(!UnsafeScalar.contains("é"))
        #expect("a\u{200B}b".unicodeScalars.filter(UnsafeScalar.contains) == ["\u{200B}"])
    }

    @Test("Controls a terminal acts on", arguments: Array(UInt32(0x00)...0x1F) + Array(0x7F...0x9F))
    func controls(value: UInt32) {
        #expect(UnsafeScalar.contains(Unicode.Scalar(value)!))
    }

    @Test("Bidi controls and separators",
          arguments: [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                      0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029] as [UInt32])
    func bidiAndSeparators(value: UInt32) {
        #expect(UnsafeScalar.contains(Unicode.Scalar(value)!))
    }

    @Test func invisibleAndUnknownScalarsAreUnsafe() {
        for v: UInt32 in [0x00AD, 0x200B, 0x2060, 0xFEFF, 0xFFF9, 0xFFFB, 0x180E, 0x0600, 0x115F, 0x1160, 0x3164, 0xFFA0,
                          0xE0001, 0x1D173, 0x0378, 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFF, 0x10FFFF] {
            #expect(UnsafeScalar.contains(Unicode.Scalar(v)!), "U+\(String(v, radix: 16, uppercase: true))")
        }
    }

    @Test func scalarsJudgedByTheirNeighboursAndOrdinaryTextAreNot() {
        // ZWJ, ZWNJ and tags are safe or not by context (the sanitizer's call); marks, variation
        // selectors, skin tones and private use are drawn as they are.
        for v: UInt32 in [0x200C, 0x200D, 0xE0020, 0xE0067, 0xE007F, 0x0301, 0x034F, 0xFE0E, 0xFE0F, 0xE0100,
                          0x1F3FD, 0xE000, 0xF8FF, 0xF0000, 0x20, 0x41, 0x7E, 0xA0, 0xE9, 0x3000, 0x6570, 0x1F600, 0x25CC] {
            #expect(!UnsafeScalar.contains(Unicode.Scalar(v)!), "U+\(String(v, radix: 16, uppercase: true))")
        }
    }
}
