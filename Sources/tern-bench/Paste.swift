import Foundation

/// A 3,000-character cover note pasted into the apply form over a pseudo-terminal (issue 18
/// point 8: it took 8.6 s when every character was a key and a frame). Sent as a terminal with
/// bracketed paste sends it (tern switches mode 2004 on); timed from the paste to the last byte
/// of the frame that shows it. The form is never sent.
///
/// It runs on a scratch demo catalogue of its own, as its student `demo` (the way the terminal
/// tests apply): acting for a student takes `--user`, which is audited and so cannot be read-only,
/// and the benchmark never writes the catalogue it measures. A paste costs the same whatever the
/// catalogue's size: it is one text field.
struct PasteBench {
    let options: Options
    let report: Report
    let tern: String
    static let width = 120, height = 40
    static let marker = "END-OF-NOTE"

    /// 3,000 characters of plain prose ending in ``marker``, which the frame must show.
    static let note: String = {
        let sentence = "I cleaned survey data for our student union and wrote the report. "
        let body = String(repeating: sentence, count: 3_000 / sentence.count + 1)
        return String(body.prefix(3_000 - marker.count)) + marker
    }()

    func run() throws {
        let catalogue = Spawn.scratchHome + "/paste-demo.sqlite"
        let made = try Spawn.run([tern, "init", "--demo", "--db", catalogue], environment: Spawn.environment())
        guard made.status == 0 else {
            report.note("\ntern init --demo failed (status \(made.status)); no paste figures")
            return
        }
        report.section("Paste: 3,000 characters into the apply form's cover note (\(Self.width)x\(Self.height), bracketed paste)")
        var toDrawn = Samples(), bytes = Samples()
        var shown = 0
        for run in 0...options.runs {
            guard let result = try pasteOnce(catalogue) else { return }
            guard run > 0 else { continue }   // a warm-up
            if let last = result.output.lastByte { toDrawn.append(last) }
            bytes.append(Double(result.output.bytes))
            if result.shown { shown += 1 }
        }
        report.add("paste 3,000 characters: paste to last byte drawn", toDrawn, key: "paste.drawn",
                   note: "the note's end drawn in \(shown) of \(toDrawn.count) runs")
        report.add("paste 3,000 characters: bytes sent to the terminal", bytes, unit: "B")
    }

    /// One session: start as the demo student, find a listing that opens the apply form
    /// (`a`, else `j` and again), paste, read the frame, end the session. Nil, with a note, when
    /// no form opened.
    private func pasteOnce(_ catalogue: String) throws -> (output: TerminalSession.Output, shown: Bool)? {
        let session = try TerminalSession([tern, "--db", catalogue, "--user", "demo"],
                                          width: Self.width, height: Self.height, environment: Spawn.environment())
        defer { _ = session.finish() }
        let first = session.readUntilQuiet(quietMilliseconds: 500)
        guard !first.closed else {
            report.note("  the interface exited at once; no paste figures")
            return nil
        }
        var opened = false
        for _ in 0..<20 where !opened {
            session.write("a")
            opened = session.readUntilQuiet(quietMilliseconds: 300, timeoutMilliseconds: 5_000, keeping: true).text.contains("Cover note")
            if !opened { _ = session.readUntilQuiet(quietMilliseconds: 200, timeoutMilliseconds: 5_000, waitForOutput: false); session.write("j") }
        }
        guard opened else {
            report.note("  demo could open the apply form on none of the first 20 listings; no paste figures")
            return nil
        }
        session.write("\u{1B}[200~" + Self.note + "\u{1B}[201~")
        let output = session.readUntilQuiet(quietMilliseconds: 500, timeoutMilliseconds: 30_000, keeping: true)
        return (output, output.text.contains(Self.marker))
    }
}
