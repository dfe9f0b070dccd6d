/// Schema v2: who may do what (issue 20). Four group roles, granted to each account's own login
/// role by `tern accounts sync`: `tern_student`, `tern_advisor`, `tern_admin`, `tern_kiosk`.
/// - Students read the public catalogue and, through row-level security, only their own
///   records: profile, skills, interests, links, applications, the shared part of their
///   histories, feedback, saved listings and searches, what they have read, the audit trail
///   about them. Even `psql` under their own role shows nothing of anyone else's.
/// - Staff read everything and write the day's work; only admins change the staff list and the
///   catalogue's settings. History and audit are only appended to, whoever writes
///   (``CatalogueRulesV1``).
/// - The kiosk reads one view, `kiosk_listings`, of approved open listings, and no table.
/// - The public listings carry no row-level security: there is nothing private in them, and RLS
///   would keep search from the indexes whose operators are not leakproof.
///
/// - A student's session makes only a student's moves (withdraw, accept or decline an offer,
///   deliver, reopen), as ``ApplicationStatus/mayMove(from:to:as:)`` says; staff and
///   organizations are told apart by the store, not by the database (staff enter organizations'
///   decisions).
///
/// Not yet here (issue 20): `tern accounts sync` and its SECURITY DEFINER function that grants
/// only these roles; the backup role.
enum AccessV2 {
    static let sql = #"""
-- The group roles every Tern account is granted one of. Roles belong to the whole cluster, not
-- to this database: they are made only when missing, and two catalogues (or two admins)
-- making them at once both succeed.
DO $roles$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['tern_student', 'tern_advisor', 'tern_admin', 'tern_kiosk'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- made meanwhile by another catalogue's migration
            END;
        END IF;
    END LOOP;
END $roles$;

GRANT USAGE ON SCHEMA public TO tern_student, tern_advisor, tern_admin, tern_kiosk;
-- Every opening checks the schema's version, whoever opens it.
GRANT SELECT ON tern_schema_migrations TO tern_student, tern_advisor, tern_admin, tern_kiosk;

-- Students: the public catalogue (listings and what describes them, without row-level security:
-- it is public, and RLS would keep the planner from search indexes whose operators are not
-- leakproof), and their own records, which row-level security below keeps to their own rows.
GRANT SELECT ON organizations, skills, opportunities, opportunity_deliverables, opportunity_skills,
    application_statuses, application_transitions, settings TO tern_student;
GRANT SELECT ON students TO tern_student;
GRANT UPDATE (name, email, program, graduation_year, hours_per_week, directory_opt_out, version) ON students TO tern_student;
GRANT SELECT, INSERT, UPDATE, DELETE ON student_skills, student_interests, student_links, saved_opportunities,
    saved_searches, student_updates_seen TO tern_student;
GRANT SELECT, INSERT ON applications TO tern_student;
GRANT UPDATE (cover_note, portfolio_link, hours_offered, status, status_reason, updated_at, version, deliverable_link)
    ON applications TO tern_student;
GRANT SELECT, INSERT ON application_events, feedback, feedback_skills, audit_log TO tern_student;

-- Staff: everything readable; the day's work writable; history and audit only appended to (their
-- triggers refuse the rest anyway). The staff list and the catalogue's settings are the admin's.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO tern_advisor, tern_admin;
GRANT INSERT, UPDATE, DELETE ON organizations, skills, opportunities, opportunity_deliverables, opportunity_skills,
    students, student_skills, student_interests, student_links, applications, feedback, feedback_skills,
    saved_opportunities, saved_searches, student_updates_seen, posting_decisions, triage_claims, triage_views,
    triage_actions, triage_action_rows, triage_undo_permits TO tern_advisor, tern_admin;
GRANT INSERT ON application_events, audit_log TO tern_advisor, tern_admin;
GRANT INSERT, UPDATE, DELETE ON staff, settings TO tern_admin;

-- Row-level security on every table holding a student's records. A student's rows are found
-- from their login: `username = (current_user::text COLLATE "default")` compares in the
-- column's collation, so it walks students' unique index (`= current_user` compares as "C"
-- and scans every row); the id it finds is computed once per query, and each table is
-- searched by its index on student_id or application_id. Staff see and keep every row.
ALTER TABLE students ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_profile ON students TO tern_student
    USING (username = (current_user::text COLLATE "default"));
CREATE POLICY staff_all ON students TO tern_advisor, tern_admin USING (true) WITH CHECK (true);

DO $own$
DECLARE
    table_name text;
BEGIN
    FOREACH table_name IN ARRAY ARRAY['student_skills', 'student_interests', 'student_links', 'applications',
                                      'saved_opportunities', 'saved_searches', 'student_updates_seen'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
        EXECUTE format($policy$
            CREATE POLICY own_rows ON %I TO tern_student
            USING (student_id = (SELECT id FROM students WHERE username = (current_user::text COLLATE "default")))
            $policy$, table_name);
        EXECUTE format('CREATE POLICY staff_all ON %I TO tern_advisor, tern_admin USING (true) WITH CHECK (true)', table_name);
    END LOOP;
END $own$;

-- An application's history: the student sees what is shared with them, and appends only their
-- own moves under their own name.
ALTER TABLE application_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_history ON application_events FOR SELECT TO tern_student
    USING (visibility = 'shared' AND application_id IN (SELECT id FROM applications));
CREATE POLICY own_moves ON application_events FOR INSERT TO tern_student
    WITH CHECK (actor_role = 'student' AND actor_username = (current_user::text COLLATE "default")
                AND visibility = 'shared' AND application_id IN (SELECT id FROM applications));
CREATE POLICY staff_all ON application_events TO tern_advisor, tern_admin USING (true) WITH CHECK (true);

ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_feedback ON feedback FOR SELECT TO tern_student
    USING (application_id IN (SELECT id FROM applications));
CREATE POLICY own_feedback_given ON feedback FOR INSERT TO tern_student
    WITH CHECK (direction = 'student_to_organization' AND application_id IN (SELECT id FROM applications));
CREATE POLICY staff_all ON feedback TO tern_advisor, tern_admin USING (true) WITH CHECK (true);

ALTER TABLE feedback_skills ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON feedback_skills TO tern_student
    USING (application_id IN (SELECT id FROM applications));
CREATE POLICY staff_all ON feedback_skills TO tern_advisor, tern_admin USING (true) WITH CHECK (true);

-- The audit trail about a student is theirs to read (who looked at their record); what they
-- add is under their own name.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_trail ON audit_log FOR SELECT TO tern_student
    USING (student_id = (SELECT id FROM students WHERE username = (current_user::text COLLATE "default")));
CREATE POLICY own_entries ON audit_log FOR INSERT TO tern_student
    WITH CHECK (actor_username = (current_user::text COLLATE "default")
                AND (student_id IS NULL
                     OR student_id = (SELECT id FROM students WHERE username = (current_user::text COLLATE "default"))));
CREATE POLICY staff_all ON audit_log TO tern_advisor, tern_admin USING (true) WITH CHECK (true);

-- Which moves a student makes: their own decisions (withdraw, accept or decline an offer,
-- deliver, reopen a withdrawal); organizations and staff decide the rest, and only the system
-- expires (ApplicationStatus.mayMove). Staff may act for a student, so only a session that is
-- a student and not staff is held to this. SECURITY INVOKER, so current_user is the session's.
CREATE FUNCTION tern_session_is_student() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_has_role(current_user, 'tern_student', 'MEMBER')
   AND NOT pg_has_role(current_user, 'tern_advisor', 'MEMBER')
   AND NOT pg_has_role(current_user, 'tern_admin', 'MEMBER');

CREATE FUNCTION tern_student_moves_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF tern_session_is_student()
       AND NOT (NEW.status IN ('withdrawn', 'accepted', 'offer_declined', 'delivered')
                OR (OLD.status = 'withdrawn' AND NEW.status = 'submitted')) THEN
        RAISE EXCEPTION 'a student does not make that move' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER applications_student_moves BEFORE UPDATE OF status ON applications
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
EXECUTE FUNCTION tern_student_moves_only();

-- The kiosk reads approved open listings and nothing else: a view of what is public about
-- them. security_barrier: the kiosk's own conditions run after the view's, so no function of
-- its choosing sees a listing the view leaves out.
CREATE VIEW kiosk_listings WITH (security_barrier) AS
SELECT o.id, o.ref, o.title, org.name AS organization, o.field, o.brief, o.hours, o.duration_days, o.schedule,
       o.starts_on, o.deadline, o.compensation_kind, o.compensation_cents, o.currency, o.hourly_cents,
       o.location_kind, o.city, o.spots, o.posted_at, o.pay_rank
FROM opportunities o JOIN organizations org ON org.id = o.organization_id
WHERE o.status = 'open' AND o.approval = 'approved';
GRANT SELECT ON kiosk_listings TO tern_kiosk;
"""#
}
