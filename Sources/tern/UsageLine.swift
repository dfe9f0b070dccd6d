import ArgumentParser

/// A usage error as one line: ArgumentParser's message (without its "Error: " prefix and the
/// usage block it appends) and a pointer to the help.
enum UsageLine {
    static func text(for error: Error) -> String {
        let full = TernCommand.message(for: error)
        let message = closedChoiceRefusal(full)
            ?? full.split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
        let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        return "\(trimmed) (see tern --help)"
    }

    /// ArgumentParser's refusal of a value outside an enum option's cases ("The value 'pdf' is
    /// invalid for '--format <format>'. Please provide one of 'json-resume' and 'markdown'.") in
    /// Tern's words: "--format takes json-resume or markdown". The value typed is left out: it
    /// may hold anything, a newline included.
    static func closedChoiceRefusal(_ message: String) -> String? {
        guard let marker = message.range(of: "' is invalid for '--", options: .backwards) else { return nil }
        let lines = message[marker.upperBound...].split(whereSeparator: \.isNewline)
        guard let rest = lines.first, let nameEnd = rest.firstIndex(where: { $0 == " " || $0 == "'" }),
              let list = rest.range(of: "Please provide one of ") else { return nil }
        let values: [String] = if rest[list.upperBound...].hasPrefix("the following:") {
            // Six values or more: one "  - value" line each.
            lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        } else {
            // 'a', 'b' or 'c'. : the values are every other piece between quotes.
            rest[list.upperBound...].split(separator: "'", omittingEmptySubsequences: false)
                .enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        guard let last = values.last else { return nil }
        let spoken = values.count == 1 ? last : values.dropLast().joined(separator: ", ") + " or " + last
        return "--\(rest[..<nameEnd]) takes \(spoken)"
    }
}
