/// A query's words as the word table (``ListingSearchV3``) holds them: each term folded by the
/// server's `tern_fold`, and the driving term, the one whose prefix covers the fewest word
/// entries, with the words of the table under it. Made by ``PostgresListings`` per query: the
/// folding is the server's, so that typed and stored words are folded alike.
struct SearchTerms: Sendable {
    /// Every term, folded, in the order typed.
    var folded: [String]
    /// The rarest term and the table's words it is a prefix of (empty: the query holds nothing).
    var driver: (folded: String, words: [String])?
    /// The term whose prefix covers the fewest word entries (counted up to
    /// ``Thresholds/commonFrom``), whatever the order: relevance gathers its matches from it.
    var rarest: String?

    static let none = SearchTerms(folded: [], driver: nil)

    /// When a page walks the order's index instead of merging the rarest term's words.
    struct Thresholds: Sendable {
        /// A term's entries are counted up to this many to pick the rarest: enough to tell a
        /// rare prefix from a common one, bounded so that "c" costs no more than "cobol".
        var commonFrom = 10_000
        /// A common prefix covering more words than this walks the order's index: each word
        /// merged costs an index probe and a page of entries (18,000 words: 4 to 6 s at 100,000
        /// listings), while a common prefix's matches are dense in any order (20 ms).
        var mergedWordsAtMost = 200
    }

    /// `column` starts with `term` (a range of the C-collated word index: every word from the
    /// term up to the term followed by the last code point).
    static func prefix(_ column: String, _ term: String, _ statement: inout StatementBuilder) -> String {
        let placeholder = statement.bind(term)
        return "(\(column) >= \(placeholder) AND \(column) < \(placeholder) || chr(1114111))"
    }

    /// The folded terms with each one's bounded number of entries.
    static let foldSQL = """
        SELECT f.term, (SELECT count(*) FROM (SELECT 1 FROM listing_words lw
                        WHERE lw.word >= f.term AND lw.word < f.term || chr(1114111) LIMIT $2) bounded)
        FROM (SELECT tern_fold(t) COLLATE "C" AS term, n FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n)) f
        ORDER BY f.n
        """

    /// The distinct words under a prefix (at most `$2`), one index probe each (a loose index
    /// scan), however many listings each word has.
    static let wordsSQL = """
        WITH RECURSIVE words(word) AS (
            SELECT min(word) FROM listing_words WHERE word >= $1 AND word < $1 || chr(1114111)
            UNION ALL
            SELECT (SELECT min(lw.word) FROM listing_words lw WHERE lw.word > words.word AND lw.word < $1 || chr(1114111))
            FROM words WHERE words.word IS NOT NULL
        )
        SELECT word FROM words WHERE word IS NOT NULL LIMIT $2
        """
}
