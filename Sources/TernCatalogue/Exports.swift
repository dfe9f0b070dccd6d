// The records and store protocols are TernStore's; whoever opens a SQLite catalogue (the CLI,
// the benchmark, the catalogue's own tests) also gets the types it hands back.
@_exported import TernStore
// Reading and checking import files (and SpreadsheetCell) is TernExchange's.
@_exported import TernExchange

// Foundation has an Operation too; here it is always the catalogue's.
typealias Operation = TernStore.Operation
