// The SQLite catalogue is the embedded implementation of every store protocol: its synchronous
// methods satisfy the async requirements, doing their work on the calling task's thread (an
// effect's, never a screen's loop).
extension Catalogue: ListingStore, StudentStore, TriageStore, ReviewStore, AccessStore {
    public func applyLink(for ref: String) throws -> String? {
        Self.applyLink(template: try applyLinkTemplate(), ref: ref)
    }
}
