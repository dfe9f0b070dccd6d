/// The hash chains that make the audit log and every application's history evidence: each row
/// carries the SHA-256 of its own content and of the row before it, so an edited, deleted,
/// re-attributed or reordered row breaks the chain from that row on.
///
/// The audit log is one chain, in id order. Each application's history is a chain of its own,
/// in id order, starting from ``genesis``. The encoding is Tern's own, independent of the back
/// end, so a catalogue copied to another back end verifies without recomputing anything; it is
/// documented in docs/records.md and frozen: a change would be a new `kind` (`…-v2`), never an
/// edit of this one.
///
/// ```swift
/// let hash = RecordChain.hash(of: .audit, fields: [.integer(1), .text("root"), …], previous: RecordChain.genesis)
/// ```
public enum RecordChain {
    /// The `prev_hash` of the first row of a chain.
    public static let genesis = String(repeating: "0", count: 64)

    /// Which chain a row belongs to; its name starts the hashed bytes, so a row of one kind can
    /// never pass for a row of the other.
    public enum Kind: String, Sendable {
        case audit = "tern-audit-v1"
        case event = "tern-event-v1"
    }

    /// One column's value, as the encoding sees it.
    public enum Field: Sendable, Equatable {
        case null
        case integer(Int64)
        case text(String)
    }

    /// The bytes a row's hash is taken over:
    ///
    ///     KIND "\n"
    ///     one line per field, in the documented column order:
    ///       NULL     → "-\n"
    ///       integer  → "i" DECIMAL "\n"
    ///       text     → "t" BYTE-LENGTH ":" UTF-8 BYTES "\n"
    ///     "prev:" PREVIOUS-HASH "\n"
    ///
    /// Text carries its byte length, so no content (a newline in a note, say) can be mistaken
    /// for a field boundary.
    public static func encoding(of kind: Kind, fields: [Field], previous: String) -> [UInt8] {
        var bytes = Array(kind.rawValue.utf8)
        bytes.append(0x0A)
        for field in fields {
            switch field {
            case .null:
                bytes += Array("-\n".utf8)
            case .integer(let value):
                bytes += Array("i\(value)\n".utf8)
            case .text(let value):
                let utf8 = Array(value.utf8)
                bytes += Array("t\(utf8.count):".utf8)
                bytes += utf8
                bytes.append(0x0A)
            }
        }
        bytes += Array("prev:\(previous)\n".utf8)
        return bytes
    }

    /// The hash a row with these fields, after `previous`, must carry.
    public static func hash(of kind: Kind, fields: [Field], previous: String) -> String {
        SHA256.hex(encoding(of: kind, fields: fields, previous: previous))
    }

    /// The audit log's columns in the order they are hashed.
    public static let auditColumns = ["id", "actor_username", "actor_role", "action", "student_id", "application_id", "detail", "at"]
    /// An application event's columns in the order they are hashed.
    public static let eventColumns = ["id", "application_id", "actor_role", "actor_username", "from_status", "to_status", "note",
                                      "visibility", "at", "reason_code", "entered_by", "on_behalf_of"]
}

extension RecordChain.Field {
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
}
