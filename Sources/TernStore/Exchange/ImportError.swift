/// Why an import was refused, with the place in the file a person should look.
/// Rendered at the edge as `FILE:LINE:COLUMN: message`.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
