/// Application 18's history from `tern init --demo` (SQLite, TernCatalogue's RecordChain), copied
/// with `sqlite3 -json`: ids, links and hashes exactly as Swift computed them.
enum SQLiteChainFixture {
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
}
