/// Schema v1, its rules: what SQLite's triggers enforce, enforced here by PL/pgSQL triggers, so
/// that raw SQL from any tool meets the same catalogue:
/// - the application state machine (`application_transitions`, undo permits, starting as
///   submitted, reopening once, feedback only for completed work);
/// - optimistic `version` columns that move on by one with every change;
/// - append-only history, audit and posting decisions (UPDATE, DELETE and TRUNCATE refused;
///   history goes only with its application);
/// - the pay order's key, kept whoever writes a listing, re-ranked with a new home currency;
/// - the last admin kept;
/// - the hash chains of ``RecordChain`` (TernCatalogue): the same bytes, the same SHA-256, so a
///   chain copied from SQLite verifies here unchanged and a chain started here verifies there.
///   Stronger than SQLite, which cannot hash: each new row's hash is checked against its content.
enum CatalogueRulesV1 {
    static let sql = #"""
-- Errors raised here carry SQLSTATEs of Tern's own class TN, which PostgresFailure turns into
-- Tern's errors: TN001 an illegal status move (DETAIL 'from to'), TN002 a change to an
-- append-only record, TN003 a row that does not continue its hash chain, TN004 another rule of
-- the catalogue, TN005 an optimistic version moved by something other than one.
-- Functions that read rows a student's session cannot see (another student's history, the undo
-- permits) are SECURITY DEFINER, so the rule is the same whoever writes.

-- The application state machine: application_transitions as data, plus the one-off permits an
-- undo inserts for exactly the move it reverses.
CREATE FUNCTION tern_application_legal_transition() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM application_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
       AND NOT EXISTS (SELECT 1 FROM triage_undo_permits
                       WHERE application_id = NEW.id AND from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'illegal application status transition'
            USING ERRCODE = 'TN001', DETAIL = OLD.status || ' ' || NEW.status;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER applications_legal_transition BEFORE UPDATE OF status ON applications
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
EXECUTE FUNCTION tern_application_legal_transition();

CREATE FUNCTION tern_application_starts_submitted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a new application starts as submitted' USING ERRCODE = 'TN004';
END $$;
CREATE TRIGGER applications_start_submitted BEFORE INSERT ON applications
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM 'submitted')
EXECUTE FUNCTION tern_application_starts_submitted();

-- A withdrawal is taken back once per application, while its listing takes applications.
CREATE FUNCTION tern_application_reopen_once() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM application_events
               WHERE application_id = NEW.id AND from_status = 'withdrawn' AND to_status = 'submitted')
       OR NOT EXISTS (SELECT 1 FROM opportunities
                      WHERE id = NEW.opportunity_id AND status = 'open' AND approval = 'approved') THEN
        RAISE EXCEPTION 'a withdrawn application is reopened once, while its listing takes applications'
            USING ERRCODE = 'TN004';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER applications_reopen_once BEFORE UPDATE OF status ON applications
FOR EACH ROW WHEN (OLD.status = 'withdrawn' AND NEW.status = 'submitted')
EXECUTE FUNCTION tern_application_reopen_once();

CREATE FUNCTION tern_feedback_needs_completed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT status FROM applications WHERE id = NEW.application_id) IS DISTINCT FROM 'completed' THEN
        RAISE EXCEPTION 'feedback requires a completed application' USING ERRCODE = 'TN004';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER feedback_needs_completed BEFORE INSERT ON feedback
FOR EACH ROW EXECUTE FUNCTION tern_feedback_needs_completed();

-- Optimistic versions: any change to a row moves its version on by exactly one. A writer may
-- say so itself (version = version + 1, as the SQLite store does) or leave it to the database;
-- a version moved any other way is refused. The pay rank is derived (a new home currency
-- re-ranks every listing), so a change to it alone is no change.
CREATE FUNCTION tern_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        IF (to_jsonb(NEW) - 'version' - 'pay_rank') IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'pay_rank') THEN
            NEW.version := OLD.version + 1;
        END IF;
    ELSE
        RAISE EXCEPTION 'a version moves on by one'
            USING ERRCODE = 'TN005', DETAIL = OLD.version || ' ' || NEW.version;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER organizations_version BEFORE UPDATE ON organizations
FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version + 1) EXECUTE FUNCTION tern_bump_version();
CREATE TRIGGER opportunities_version BEFORE UPDATE ON opportunities
FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version + 1) EXECUTE FUNCTION tern_bump_version();
CREATE TRIGGER students_version BEFORE UPDATE ON students
FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version + 1) EXECUTE FUNCTION tern_bump_version();
CREATE TRIGGER applications_version BEFORE UPDATE ON applications
FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version + 1) EXECUTE FUNCTION tern_bump_version();

-- The pay order's key (PayRank in TernCatalogue), the same integer SQLite stores.
CREATE FUNCTION tern_pay_rank(hourly bigint, currency text, kind text, home text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN hourly > 0 AND currency = home THEN 200000000000000000 + least(hourly, 999999999999)
    WHEN hourly > 0 AND currency COLLATE "C" ~ '^[A-Z][A-Z][A-Z]$' THEN 100000000000000000
        + (17576 - ((ascii(substr(currency, 1, 1)) - 65) * 676 + (ascii(substr(currency, 2, 1)) - 65) * 26
                    + (ascii(substr(currency, 3, 1)) - 65))) * 1000000000000 + least(hourly, 999999999999)
    WHEN hourly > 0 THEN 100000000000000000 + least(hourly, 999999999999)
    WHEN kind IN ('fixed_fee','hourly','stipend') THEN 2
    WHEN kind IN ('academic_credit', 'certificate') THEN 1
    ELSE 0
END;

CREATE FUNCTION tern_opportunity_pay_rank() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    NEW.pay_rank := tern_pay_rank(NEW.hourly_cents, NEW.currency, NEW.compensation_kind,
                                  (SELECT value FROM settings WHERE key = 'home_currency'));
    RETURN NEW;
END $$;
CREATE TRIGGER opportunities_pay_rank_insert BEFORE INSERT ON opportunities
FOR EACH ROW EXECUTE FUNCTION tern_opportunity_pay_rank();
CREATE TRIGGER opportunities_pay_rank_update BEFORE UPDATE OF hourly_cents, currency, compensation_kind ON opportunities
FOR EACH ROW WHEN (NEW.hourly_cents IS DISTINCT FROM OLD.hourly_cents OR NEW.currency IS DISTINCT FROM OLD.currency
                   OR NEW.compensation_kind IS DISTINCT FROM OLD.compensation_kind)
EXECUTE FUNCTION tern_opportunity_pay_rank();

-- A new home currency re-ranks every listing.
CREATE FUNCTION tern_home_currency_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    UPDATE opportunities SET pay_rank = tern_pay_rank(hourly_cents, currency, compensation_kind, NEW.value);
    RETURN NULL;
END $$;
CREATE TRIGGER settings_home_currency_updated AFTER UPDATE OF value ON settings
FOR EACH ROW WHEN (NEW.key = 'home_currency' AND NEW.value IS DISTINCT FROM OLD.value)
EXECUTE FUNCTION tern_home_currency_changed();
CREATE TRIGGER settings_home_currency_inserted AFTER INSERT ON settings
FOR EACH ROW WHEN (NEW.key = 'home_currency')
EXECUTE FUNCTION tern_home_currency_changed();

CREATE FUNCTION tern_keep_home_currency() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the home currency can be changed but not removed' USING ERRCODE = 'TN004';
END $$;
CREATE TRIGGER settings_keep_home_currency BEFORE DELETE ON settings
FOR EACH ROW WHEN (OLD.key = 'home_currency') EXECUTE FUNCTION tern_keep_home_currency();

-- The last admin can be neither removed nor demoted. Changes to admins take turns, so two
-- admins removing each other at once cannot both pass.
CREATE FUNCTION tern_keep_last_admin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7371, 3);
    IF (SELECT count(*) FROM staff WHERE role = 'admin') = 1 THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'the last admin cannot be removed; make another admin first' USING ERRCODE = 'TN004';
        END IF;
        RAISE EXCEPTION 'the last admin cannot be demoted; make another admin first' USING ERRCODE = 'TN004';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER staff_keep_last_admin BEFORE DELETE ON staff
FOR EACH ROW WHEN (OLD.role = 'admin') EXECUTE FUNCTION tern_keep_last_admin();
CREATE TRIGGER staff_keep_last_admin_role BEFORE UPDATE OF role ON staff
FOR EACH ROW WHEN (OLD.role = 'admin' AND NEW.role IS DISTINCT FROM 'admin') EXECUTE FUNCTION tern_keep_last_admin();

-- History and audit are evidence: nobody edits or deletes them, not even staff tools. An
-- application's history goes only with the application itself (ON DELETE CASCADE).
CREATE FUNCTION tern_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'TN002';
END $$;
CREATE FUNCTION tern_history_goes_with_its_application() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM applications WHERE id = OLD.application_id) THEN
        RAISE EXCEPTION 'application_events is append-only' USING ERRCODE = 'TN002';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
FOR EACH ROW EXECUTE FUNCTION tern_append_only();
CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
FOR EACH ROW EXECUTE FUNCTION tern_history_goes_with_its_application();
CREATE TRIGGER application_events_no_truncate BEFORE TRUNCATE ON application_events
FOR EACH STATEMENT EXECUTE FUNCTION tern_append_only();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION tern_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION tern_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION tern_append_only();
CREATE TRIGGER posting_decisions_no_update BEFORE UPDATE ON posting_decisions
FOR EACH ROW EXECUTE FUNCTION tern_append_only();

-- The hash chains (RecordChain in TernCatalogue, docs/records.md): the same bytes hashed the
-- same way, so a catalogue copied from SQLite verifies here unchanged. Unlike SQLite, the
-- database computes SHA-256 itself, so it checks each new row's hash against its content too,
-- and fills in id, prev_hash and hash when a writer leaves all three out.
CREATE FUNCTION tern_chain_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN value IS NULL THEN E'-\n' ELSE 't' || octet_length(value) || ':' || value || E'\n' END;
CREATE FUNCTION tern_chain_field(value bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN value IS NULL THEN E'-\n' ELSE 'i' || value || E'\n' END;

CREATE FUNCTION tern_audit_hash(entry audit_log, previous text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN encode(sha256(convert_to(E'tern-audit-v1\n'
    || tern_chain_field(entry.id) || tern_chain_field(entry.actor_username) || tern_chain_field(entry.actor_role)
    || tern_chain_field(entry.action) || tern_chain_field(entry.student_id) || tern_chain_field(entry.application_id)
    || tern_chain_field(entry.detail) || tern_chain_field(entry.at)
    || 'prev:' || previous || E'\n', 'UTF8')), 'hex');

CREATE FUNCTION tern_event_hash(event application_events, previous text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN encode(sha256(convert_to(E'tern-event-v1\n'
    || tern_chain_field(event.id) || tern_chain_field(event.application_id) || tern_chain_field(event.actor_role)
    || tern_chain_field(event.actor_username) || tern_chain_field(event.from_status) || tern_chain_field(event.to_status)
    || tern_chain_field(event.note) || tern_chain_field(event.visibility) || tern_chain_field(event.at)
    || tern_chain_field(event.reason_code) || tern_chain_field(event.entered_by) || tern_chain_field(event.on_behalf_of)
    || 'prev:' || previous || E'\n', 'UTF8')), 'hex');

-- Appends take turns per chain family (a transaction-scoped lock, in this database only), so two
-- writers cannot both continue the same row.
CREATE FUNCTION tern_chain_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    last_id bigint;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(7371, 1);
    SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    last_id := coalesce(last_id, 0);
    last_hash := coalesce(last_hash, '0000000000000000000000000000000000000000000000000000000000000000');
    IF NEW.id IS NULL AND NEW.prev_hash IS NULL AND NEW.hash IS NULL THEN
        NEW.id := last_id + 1;
        NEW.prev_hash := last_hash;
        NEW.hash := tern_audit_hash(NEW, last_hash);
    ELSIF NEW.id IS DISTINCT FROM last_id + 1 OR NEW.prev_hash IS DISTINCT FROM last_hash
          OR NEW.hash IS DISTINCT FROM tern_audit_hash(NEW, last_hash) THEN
        RAISE EXCEPTION 'audit_log rows must continue its hash chain' USING ERRCODE = 'TN003';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION tern_chain_audit();

CREATE FUNCTION tern_chain_application_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    last_id bigint;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(7371, 2);
    last_id := coalesce((SELECT max(id) FROM application_events), 0);
    last_hash := coalesce((SELECT hash FROM application_events WHERE application_id = NEW.application_id
                           ORDER BY id DESC LIMIT 1),
                          '0000000000000000000000000000000000000000000000000000000000000000');
    IF NEW.id IS NULL AND NEW.prev_hash IS NULL AND NEW.hash IS NULL THEN
        NEW.id := last_id + 1;
        NEW.prev_hash := last_hash;
        NEW.hash := tern_event_hash(NEW, last_hash);
    ELSIF NEW.id IS NULL OR NEW.id <= last_id OR NEW.prev_hash IS DISTINCT FROM last_hash
          OR NEW.hash IS DISTINCT FROM tern_event_hash(NEW, last_hash) THEN
        RAISE EXCEPTION 'application_events rows must continue their application''s hash chain' USING ERRCODE = 'TN003';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER application_events_chained BEFORE INSERT ON application_events
FOR EACH ROW EXECUTE FUNCTION tern_chain_application_event();
"""#
}
