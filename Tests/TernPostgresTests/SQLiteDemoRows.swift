/// Rows of an SQLite catalogue made by `tern init --demo` (TernCatalogue's RecordChain and
/// PayRank), copied with `sqlite3 -json`: ids, links, hashes and ranks exactly as SQLite holds them.
enum SQLiteDemoRows {
    static let application18: [String] = [
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (141, 18, 'student', 'ayamamoto', NULL, 'submitted', NULL, 'shared', '2026-11-10T18:04:55Z', '0000000000000000000000000000000000000000000000000000000000000000', '30dd8c5ea3cc4baa42892509c86264e30542065c2579690ab0660ca8858eeba6')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (142, 18, 'organization', '東京デザイン工房', 'submitted', 'under_review', NULL, 'shared', '2026-11-11T18:04:55Z', '30dd8c5ea3cc4baa42892509c86264e30542065c2579690ab0660ca8858eeba6', '3985f397d6ae88558468455d6c74c7f61c8b98b6dba8ebc2f8e9d4fb076ca89b')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (143, 18, 'organization', '東京デザイン工房', 'under_review', 'shortlisted', NULL, 'shared', '2026-11-13T18:04:55Z', '3985f397d6ae88558468455d6c74c7f61c8b98b6dba8ebc2f8e9d4fb076ca89b', 'c9a96b668461debb0c0866f5e8f184e68f5775cc998372f9fd813ebab49bb4db')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (144, 18, 'organization', '東京デザイン工房', 'shortlisted', 'offered', NULL, 'shared', '2026-11-15T18:04:55Z', 'c9a96b668461debb0c0866f5e8f184e68f5775cc998372f9fd813ebab49bb4db', 'a608097b7a2897cd451c3aa03a0d484ce87d60b5521e56d7163d9e5562ac7c07')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (145, 18, 'student', 'ayamamoto', 'offered', 'accepted', NULL, 'shared', '2026-11-15T18:04:55Z', 'a608097b7a2897cd451c3aa03a0d484ce87d60b5521e56d7163d9e5562ac7c07', 'da06e84b335a4f95255a7ea2aceab53aa6ab5fcccd284f1b1d559a8c79076f9b')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (146, 18, 'organization', '東京デザイン工房', 'accepted', 'in_progress', NULL, 'shared', '2026-11-17T18:04:55Z', 'da06e84b335a4f95255a7ea2aceab53aa6ab5fcccd284f1b1d559a8c79076f9b', 'a2e62cf421e98d9cdbe47b3e1408b45864654cf9666c1b860605278397aace4a')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (147, 18, 'student', 'ayamamoto', 'in_progress', 'delivered', NULL, 'shared', '2026-11-30T18:04:55Z', 'a2e62cf421e98d9cdbe47b3e1408b45864654cf9666c1b860605278397aace4a', '8e96263cd347ce0f7ad5a7f6a8df45bad9a8abf6b1fd2695e9ede355a811dd53')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (148, 18, 'organization', '東京デザイン工房', 'delivered', 'in_progress', '色味を少し調整してください — please warm up the green on the sencha tin so it matches the printed proof.', 'shared', '2026-12-02T18:04:55Z', '8e96263cd347ce0f7ad5a7f6a8df45bad9a8abf6b1fd2695e9ede355a811dd53', '8584fb6a05c725226d2744e9efa3552ff31b780489a1d3a77ada8cf9f76d3e20')
        """#,
        #"""
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at, prev_hash, hash) VALUES (149, 18, 'student', 'ayamamoto', 'in_progress', 'delivered', NULL, 'shared', '2026-12-06T18:04:55Z', '8584fb6a05c725226d2744e9efa3552ff31b780489a1d3a77ada8cf9f76d3e20', '699e8f8a6925c98318f50f2b1ab7e0e7ad8dd9c1ac7dea53f4e449cc4d886d4d')
        """#,
    ]

    static let lastHash = "699e8f8a6925c98318f50f2b1ab7e0e7ad8dd9c1ac7dea53f4e449cc4d886d4d"

    /// The next event with a made-up hash: right link, wrong content hash.
    static let forgedNext = """
        INSERT INTO application_events (id, application_id, actor_role, actor_username, from_status, to_status, visibility, at, prev_hash, hash)
        VALUES (150, 18, 'organization', 'x', 'delivered', 'completed', 'shared', '2026-12-07T18:04:55Z', '699e8f8a6925c98318f50f2b1ab7e0e7ad8dd9c1ac7dea53f4e449cc4d886d4d', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff')
        """

    /// The audit log after two `tern backup`s of the demo catalogue (a path with an accent and a
    /// check mark in the second's detail).
    static let audit: [String] = [
        #"""
        INSERT INTO audit_log (id, actor_username, actor_role, action, student_id, detail, at, application_id, prev_hash, hash) VALUES (1, 'root', 'staff', 'backup', NULL, 'to /tmp/wtschema-demo/d/b.sqlite', '2026-12-07T18:14:38Z', NULL, '0000000000000000000000000000000000000000000000000000000000000000', '652f6bbd60f020c316c0bc2c113f54416d52a2d8b7314e79c47666f51c050a7d')
        """#,
        #"""
        INSERT INTO audit_log (id, actor_username, actor_role, action, student_id, detail, at, application_id, prev_hash, hash) VALUES (2, 'root', 'staff', 'backup', NULL, 'to /tmp/wtschema-demo/d/copie-été ✓.sqlite', '2026-12-07T18:14:40Z', NULL, '652f6bbd60f020c316c0bc2c113f54416d52a2d8b7314e79c47666f51c050a7d', '694060c1d53e137ce149f7ba22fd6ae410a46b2caa06e2112b07bfa0bfa29e45')
        """#,
    ]

    /// Every distinct (kind, currency, pay per hour) → pay_rank of the demo catalogue, as SQLite's
    /// triggers ranked them with USD at home.
    static let payRanks: [(kind: String, currency: String?, hourlyCents: Int, payRank: String)] = [
        (kind: "academic_credit", currency: nil, hourlyCents: 0, payRank: "1"),
        (kind: "certificate", currency: nil, hourlyCents: 0, payRank: "1"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 2000, payRank: "116221000000002000"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 2333, payRank: "116221000000002333"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 2500, payRank: "116221000000002500"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 2800, payRank: "116221000000002800"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 2916, payRank: "116221000000002916"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 3000, payRank: "116221000000003000"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 3125, payRank: "116221000000003125"),
        (kind: "fixed_fee", currency: "CAD", hourlyCents: 3200, payRank: "116221000000003200"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 2500, payRank: "114335000000002500"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 2571, payRank: "114335000000002571"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 2666, payRank: "114335000000002666"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 2800, payRank: "114335000000002800"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 3000, payRank: "114335000000003000"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 3250, payRank: "114335000000003250"),
        (kind: "fixed_fee", currency: "EUR", hourlyCents: 3333, payRank: "114335000000003333"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 1500, payRank: "113479000000001500"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 2000, payRank: "113479000000002000"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 2428, payRank: "113479000000002428"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 2500, payRank: "113479000000002500"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 2600, payRank: "113479000000002600"),
        (kind: "fixed_fee", currency: "GBP", hourlyCents: 2666, payRank: "113479000000002666"),
        (kind: "fixed_fee", currency: "JPY", hourlyCents: 266666, payRank: "111078000000266666"),
        (kind: "fixed_fee", currency: "JPY", hourlyCents: 300000, payRank: "111078000000300000"),
        (kind: "fixed_fee", currency: "JPY", hourlyCents: 480000, payRank: "111078000000480000"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 1250, payRank: "200000000000001250"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2222, payRank: "200000000000002222"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2250, payRank: "200000000000002250"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2333, payRank: "200000000000002333"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2400, payRank: "200000000000002400"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2500, payRank: "200000000000002500"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2666, payRank: "200000000000002666"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2714, payRank: "200000000000002714"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2750, payRank: "200000000000002750"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2800, payRank: "200000000000002800"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 2916, payRank: "200000000000002916"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 3000, payRank: "200000000000003000"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 3111, payRank: "200000000000003111"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 3125, payRank: "200000000000003125"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 3333, payRank: "200000000000003333"),
        (kind: "fixed_fee", currency: "USD", hourlyCents: 3611, payRank: "200000000000003611"),
        (kind: "hourly", currency: "EUR", hourlyCents: 1600, payRank: "114335000000001600"),
        (kind: "hourly", currency: "EUR", hourlyCents: 1800, payRank: "114335000000001800"),
        (kind: "hourly", currency: "GBP", hourlyCents: 1500, payRank: "113479000000001500"),
        (kind: "hourly", currency: "GBP", hourlyCents: 1600, payRank: "113479000000001600"),
        (kind: "hourly", currency: "USD", hourlyCents: 1500, payRank: "200000000000001500"),
        (kind: "hourly", currency: "USD", hourlyCents: 1600, payRank: "200000000000001600"),
        (kind: "hourly", currency: "USD", hourlyCents: 1700, payRank: "200000000000001700"),
        (kind: "hourly", currency: "USD", hourlyCents: 1800, payRank: "200000000000001800"),
        (kind: "hourly", currency: "USD", hourlyCents: 1900, payRank: "200000000000001900"),
        (kind: "hourly", currency: "USD", hourlyCents: 2000, payRank: "200000000000002000"),
        (kind: "hourly", currency: "USD", hourlyCents: 2200, payRank: "200000000000002200"),
        (kind: "hourly", currency: "USD", hourlyCents: 2400, payRank: "200000000000002400"),
        (kind: "hourly", currency: "USD", hourlyCents: 2500, payRank: "200000000000002500"),
        (kind: "hourly", currency: "USD", hourlyCents: 2600, payRank: "200000000000002600"),
        (kind: "hourly", currency: "USD", hourlyCents: 2800, payRank: "200000000000002800"),
        (kind: "stipend", currency: "USD", hourlyCents: 1333, payRank: "200000000000001333"),
        (kind: "stipend", currency: "USD", hourlyCents: 1500, payRank: "200000000000001500"),
        (kind: "stipend", currency: "USD", hourlyCents: 1600, payRank: "200000000000001600"),
        (kind: "stipend", currency: "USD", hourlyCents: 1666, payRank: "200000000000001666"),
        (kind: "stipend", currency: "USD", hourlyCents: 1800, payRank: "200000000000001800"),
        (kind: "stipend", currency: "USD", hourlyCents: 1857, payRank: "200000000000001857"),
        (kind: "stipend", currency: "USD", hourlyCents: 2000, payRank: "200000000000002000"),
        (kind: "stipend", currency: "USD", hourlyCents: 2142, payRank: "200000000000002142"),
        (kind: "stipend", currency: "USD", hourlyCents: 2333, payRank: "200000000000002333"),
        (kind: "stipend", currency: "USD", hourlyCents: 2500, payRank: "200000000000002500"),
        (kind: "unpaid", currency: nil, hourlyCents: 0, payRank: "0"),
    ]
}
