/// Everything a front end needs from a catalogue, whatever stores it. The SQLite catalogue is one;
/// PostgreSQL's will be another. The composition root (the `tern` command) picks one and hands
/// it to the screens, which know only these protocols.
///
/// ```swift
/// let store: any CatalogueStore = try Catalogue(path: path)
/// ```
public typealias CatalogueStore = ListingStore & StudentStore & TriageStore & ReviewStore & AccessStore
