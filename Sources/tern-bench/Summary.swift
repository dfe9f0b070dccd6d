import Foundation

/// The end of the output: the ratios, then one line of `key=value` pairs for scripts and the
/// issue's table. A figure that was not measured (its section skipped) is `-`.
///
/// - keystroke_p95_ms: p95 over every keystroke of the three words (first page of 50 + exact count)
/// - sort_p95_ms: the highest p95 of the `pyth` first pages sorted newest, hours, pay and
///   relevance (each order's p95 is at or below it)
/// - foryou_p95_ms: p95 of the For you first page
/// - count_p95_ms: the higher p95 of the counts of `pyth` and of no words
/// - first_frame_ms: p50 of spawn to exit with `--exit-after-first-frame` on a pseudo-terminal
/// - rss_mb: peak resident memory of the driven interface
/// - import_rows_per_s: p50 of rows per second of `tern import`
/// - vs_sqlite3, vs_grep, vs_fzf: p50 of `tern search pyth --limit 50` divided by theirs
/// - bytes_per_move: p50 of the bytes one `j` sends to the terminal
/// - with `--postgres` (`backends`, `concurrency`): pg_keystroke_p95_ms (first pages, 2–6 letters,
///   pooled), pg_first_letter_p95_ms, pg_count_p95_ms (the highest p95 of the counts), pg_foryou_p95_ms,
///   pg_import_rows_per_s and pg_import_trusted_rows_per_s (p50, `import` with `--postgres`),
///   concurrency_errors and lost_writes (both must be 0)
struct Summary {
    let report: Report
    let ratios: [String: Double]

    func print(took seconds: TimeInterval) {
        Swift.print("\n== Ratios (tern's p50 divided by theirs: below 1, tern is faster)")
        let tern = report.samples("compare.tern")?.p50
        for (tool, key) in [("sqlite3", "compare.sqlite3"), ("grep", "compare.grep"), ("fzf", "compare.fzf")] {
            guard let tern, let theirs = report.samples(key)?.p50, let ratio = ratios[tool] else {
                Swift.print("vs \(tool): not measured")
                continue
            }
            Swift.print(String(format: "vs %@: %.3g  (tern %.1f ms, %@ %.1f ms)", tool, ratio, tern, tool, theirs))
        }
        Swift.print(String(format: "\ntook %.0f s", seconds))

        func figure(_ value: Double?, decimals: Int = 1) -> String {
            guard let value, value.isFinite else { return "-" }
            return String(format: "%.\(decimals)f", value)
        }
        /// Three significant digits: a ratio of 0.0035 must not print as 0.00.
        func ratio(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "-" }
            return String(format: "%.3g", value)
        }
        let sorts = ["newest", "hours", "pay", "relevance"].compactMap { report.samples("sort.pyth.\($0)") }
        let counts = ["count.pyth", "count.none"].compactMap { report.samples($0) }
        var pairs: [(String, String)] = [
            ("keystroke_p95_ms", figure(report.samples("keystroke")?.p95)),
            ("sort_p95_ms", figure(sorts.map(\.p95).max())),
            ("foryou_p95_ms", figure(report.samples("foryou.page")?.p95)),
            ("count_p95_ms", figure(counts.map(\.p95).max())),
            ("first_frame_ms", figure(report.samples("firstframe")?.p50)),
            ("rss_mb", figure(report.samples("rss")?.p50)),
            ("import_rows_per_s", figure(report.samples("import.rate")?.p50, decimals: 0)),
            ("vs_sqlite3", ratio(ratios["sqlite3"])),
            ("vs_grep", ratio(ratios["grep"])),
            ("vs_fzf", ratio(ratios["fzf"])),
            ("bytes_per_move", figure(report.samples("move.bytes")?.p50, decimals: 0)),
        ]
        let postgresCounts = ["p", "py", "pyth", "python", "none", "pyth.remote"].compactMap { report.samples("count.\($0).postgres") }
        let postgres: [(String, String)] = [
            ("pg_keystroke_p95_ms", figure(report.samples("pooled.prefix.postgres")?.p95)),
            ("pg_first_letter_p95_ms", figure(report.samples("page.p.postgres")?.p95)),
            ("pg_count_p95_ms", figure(postgresCounts.map(\.p95).max())),
            ("pg_foryou_p95_ms", figure(report.samples("foryou.page.postgres")?.p95)),
            ("pg_import_rows_per_s", figure(report.samples("pg.import.rate")?.p50, decimals: 0)),
            ("pg_import_trusted_rows_per_s", figure(report.samples("pg.import.trusted.rate")?.p50, decimals: 0)),
            ("concurrency_errors", figure(report.samples("concurrency.errors")?.max, decimals: 0)),
            ("lost_writes", figure(report.samples("concurrency.lost")?.max, decimals: 0)),
        ]
        if postgres.contains(where: { $0.1 != "-" }) { pairs += postgres }
        Swift.print(pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}
