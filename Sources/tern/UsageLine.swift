import ArgumentParser

/// A usage error as one line: ArgumentParser's message (without its "Error: " prefix and the
/// usage block it appends) and a pointer to the help.
enum UsageLine {
    static func text(for error: Error) -> String {
        let message = TernCommand.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
        let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        return "\(trimmed) (see tern --help)"
    }
}
