import ArgumentParser
import Foundation
import TernCatalogue

// Our own entry point, so that usage errors exit 2 (not ArgumentParser's 64), every failure
// is one line on stderr, written by `printError` (which makes it safe for a terminal), and
// output that could not be written never ends in status 0 (`Output.finish`).
Output.holdStandardDescriptors()
do {
    var command = try TernCommand.parseAsRoot()
    try command.run()
    exit(Output.finish() ? 0 : 1)
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
} catch let error as OutputFailure {
    printError(error.description)
    exit(1)
} catch let error as ExitCode {
    // The command has already said what it had to (tern check's report): no extra line.
    exit(Output.finish() || error.rawValue != 0 ? error.rawValue : 1)
} catch {
    let code = TernCommand.exitCode(for: error)
    if code == .success {
        // --help and --version: the text through the same checked writer as everything else.
        do {
            try Output.line(TernCommand.fullMessage(for: error))
        } catch {
            printError("\(error)")
            exit(1)
        }
        exit(Output.finish() ? 0 : 1)
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
