import ArgumentParser
import Foundation
import TernCatalogue

// Our own entry point, so that usage errors exit 2 (not ArgumentParser's 64) and every failure
// is one line on stderr, written by `printError` (which makes it safe for a terminal).
do {
    var command = try TernCommand.parseAsRoot()
    try command.run()
} catch let error as ImportFailure {
    printError(error.description, prefix: "")
    exit(1)
} catch let error as RestoreRefusal {
    printError(error.description)
    exit(1)
} catch let error as CatalogueError {
    printError(error.description)
    exit(1)
} catch let error as Failure {
    printError(error.description)
    exit(1)
} catch let error as ExitCode {
    // The command has already said what it had to (tern check's report): no extra line.
    exit(error.rawValue)
} catch {
    let code = TernCommand.exitCode(for: error)
    if code == .success {
        TernCommand.exit(withError: error)
    } else if code == .validationFailure {
        // One line, as every error is: what is wrong, and where the help is.
        printError(UsageLine.text(for: error))
        exit(2)
    } else if code == .failure {
        printError(TernCommand.message(for: error))
        exit(1)
    } else {
        printError(TernCommand.message(for: error))
        exit(code.rawValue)
    }
}

