import Foundation

/// What a terminal must never be handed raw by tern: the scalars it acts on (C0 controls, DEL,
/// C1 controls such as the one-character CSI U+009B) or that reorder or split what it shows
/// (bidi controls, line and paragraph separators).
///
/// Written out here rather than taken from the TernText module, so the end-to-end tests check
/// the binary against the rule itself, not against the code under test.
enum TerminalSafeOutput {
    static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                            0x2066, 0x2067, 0x2068, 0x2069]

    /// Every scalar of `text` a terminal would act on or that reorders the line, each as `U+XXXX`,
    /// in order; "\n" is allowed when `allowingNewlines`.
    static func rawControls(in text: String, allowingNewlines: Bool) -> [String] {
        text.unicodeScalars.filter { u in
            let v = u.value
            if v == 0x0A && allowingNewlines { return false }
            return v < 0x20 || (0x7F...0x9F).contains(v) || bidiControls.contains(v) || v == 0x2028 || v == 0x2029
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Why `stderr` is not one safe line ending in "\n", or nil when it is.
    static func oneSafeLineProblem(_ stderr: String) -> String? {
        let bytes = Array(stderr.utf8)
        guard bytes.last == 0x0A else { return "does not end in a newline: \(stderr.debugDescription)" }
        let raw = rawControls(in: String(decoding: bytes.dropLast(), as: UTF8.self), allowingNewlines: false)
        return raw.isEmpty ? nil : "raw \(raw) in \(stderr.debugDescription)"
    }
}
