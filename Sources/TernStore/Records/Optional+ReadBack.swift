extension Optional {
    /// The record a write just made or changed, read back inside the same transaction. It is
    /// there unless something in the file (a trigger, a hand edit) undid the write, and then the
    /// caller gets ``CatalogueError/lostWrite(_:)``, not a crash.
    ///
    /// ```swift
    /// return try Application.fetchOne(db, key: id).readBack("application \(id)")
    /// ```
    package func readBack(_ what: @autoclosure () -> String) throws -> Wrapped {
        guard let self else { throw CatalogueError.lostWrite(what()) }
        return self
    }
}
