/// Schema v4: what other sessions hear, and who may have an account.
///
/// - **Changes.** Every statement that changes what a screen shows sends
///   `NOTIFY tern_changes, '<backend pid>'` (one per statement; PostgreSQL folds repeats within
///   a transaction and delivers them at commit, never for a rollback). ``PostgresChangeFeed``
///   listens, ignoring its own process's backends. The word table is left out: it changes only
///   with its listings, which notify.
/// - **Accounts.** `tern accounts sync` gives each student and staff member a login role of
///   their own, granted one of Tern's group roles, and takes the group roles back from those no
///   longer listed. It does so only through two `SECURITY DEFINER` functions that can grant
///   nothing but `tern_student`, `tern_advisor`, `tern_admin` and `tern_kiosk`, and touch no
///   role that has powers of its own (superuser, CREATEROLE, CREATEDB, replication, bypassing
///   row-level security): on PostgreSQL 15 a role with CREATEROLE could grant itself powerful
///   built-in roles, so no staff role gets CREATEROLE; the functions' owner has it, and only
///   `tern_admin` may call them. Their owner is whoever migrates; `scripts/campus` hands them
///   to a NOLOGIN role `tern_accounts` that alone holds CREATEROLE.
enum ChangesAndAccountsV4 {
    static let sql = #"""
CREATE FUNCTION tern_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tern_changes', pg_backend_pid()::text);
    RETURN NULL;
END $$;

DO $notify$
DECLARE
    table_name text;
BEGIN
    FOREACH table_name IN ARRAY ARRAY['organizations', 'skills', 'opportunities', 'opportunity_deliverables',
        'opportunity_skills', 'students', 'student_skills', 'student_interests', 'student_links', 'staff',
        'applications', 'application_events', 'feedback', 'feedback_skills', 'saved_opportunities', 'saved_searches',
        'audit_log', 'settings', 'posting_decisions', 'triage_claims', 'triage_views', 'triage_actions',
        'triage_action_rows', 'triage_undo_permits', 'student_updates_seen'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION tern_notify_change()', table_name || '_notify', table_name);
    END LOOP;
END $notify$;

-- The login roles Tern makes are plain: a name a Unix login can have, and no power of its own.
CREATE FUNCTION tern_account_is_plain(login text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog
RETURN login ~ '^[a-z_][a-z0-9_.-]{0,31}$' AND login NOT LIKE 'pg\_%' AND login NOT LIKE 'tern\_%'
   AND login <> 'postgres'
   AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login
                   AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls));

-- Gives `login` a login role (made when missing) and the group role `group_role`, one of Tern's.
CREATE FUNCTION tern_account_grant(login text, group_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF group_role IS NULL OR group_role NOT IN ('tern_student', 'tern_advisor', 'tern_admin', 'tern_kiosk') THEN
        RAISE EXCEPTION 'an account is given only one of Tern''s roles' USING ERRCODE = 'TN004';
    END IF;
    IF login IS NULL OR NOT tern_account_is_plain(login) THEN
        RAISE EXCEPTION 'Tern does not make or change an account named %', coalesce(login, '(none)') USING ERRCODE = 'TN004';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    END IF;
    IF NOT pg_has_role(login, group_role, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', group_role, login);
    END IF;
END $$;

-- Takes Tern's group roles back from `login` (the role itself stays: it may be used elsewhere).
CREATE FUNCTION tern_account_revoke(login text, group_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF group_role IS NULL OR group_role NOT IN ('tern_student', 'tern_advisor', 'tern_admin', 'tern_kiosk') THEN
        RAISE EXCEPTION 'an account is given only one of Tern''s roles' USING ERRCODE = 'TN004';
    END IF;
    IF login IS NULL OR NOT tern_account_is_plain(login) THEN
        RAISE EXCEPTION 'Tern does not make or change an account named %', coalesce(login, '(none)') USING ERRCODE = 'TN004';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
               WHERE g.rolname = group_role AND u.rolname = login) THEN
        EXECUTE format('REVOKE %I FROM %I', group_role, login);
    END IF;
END $$;

REVOKE ALL ON FUNCTION tern_account_grant(text, text), tern_account_revoke(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tern_account_grant(text, text), tern_account_revoke(text, text) TO tern_admin;
"""#
}
