/// Schema v5: what a student's and a kiosk's own accounts need to work, and no more (issue 20).
/// Schema v2 (``AccessV2``) fenced each role in; run as a real student or kiosk account, the
/// store then met these walls, which the catalogue's owner never meets:
///
/// - **Standing.** Opening a catalogue reads who the account is (``PostgresCatalogue/principal(for:)``):
///   its staff role and its student profile. A student now reads only their own row of `staff`
///   (row-level security; the login and role columns); a kiosk, its own login's rows through
///   its views.
/// - **A new skill.** A student naming a skill the catalogue does not know adds it (its name
///   only), as on SQLite.
/// - **A student's move** clears the rejection reason code, as every move does; a student may
///   write that column, but only to clear it (a trigger).
/// - **Spots taken** count other students' applications, which row-level security hides from a
///   student: the view `listing_spots_taken` counts them for the listings a student may see
///   (approved, not drafts), and for every listing for staff.
/// - **Disclosures.** Who was shown a student's records is in the audit log under the staff
///   member's name, and an export of every student names no student, so a student's own
///   row-level security hid both. The view `student_disclosures` gives each student their own
///   disclosures (SQLite's `Catalogue.disclosures(ofStudent:)`, with staff members' names), and
///   staff everyone's. `current_user` in a view is the reader's, so it knows whose they are.
/// - **The kiosk** reads no table. Schema `tern_kiosk` holds views named as the tables the
///   listings read (`opportunities`, `organizations`, `skills`, `opportunity_skills`,
///   `opportunity_deliverables`, `listing_words`, `settings`, `listing_spots_taken`), holding
///   only approved open listings and what describes them, and the apply link and home currency
///   of the settings; and `staff` and `students` holding only its own login. A kiosk session
///   puts the schema first in its `search_path` (``PostgresSession/readAsKioskIfKiosk()``), so the
///   store's statements are the same for everyone and read these views there; a session that
///   is not a kiosk cannot use the schema at all. Every view
///   is a `security_barrier`: a function of the reader's choosing never sees a row the view
///   leaves out, while the search's comparisons, which are leakproof, still walk the indexes.
enum RolesV5 {
    static let sql = #"""
-- A session that is a kiosk and nothing else (SECURITY INVOKER: current_user is the session's).
CREATE FUNCTION tern_session_is_kiosk() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_has_role(current_user, 'tern_kiosk', 'MEMBER')
   AND NOT pg_has_role(current_user, 'tern_student', 'MEMBER')
   AND NOT pg_has_role(current_user, 'tern_advisor', 'MEMBER')
   AND NOT pg_has_role(current_user, 'tern_admin', 'MEMBER');

-- Standing: staff read the staff list; a student finds only their own login in it (a student
-- who is also staff is told so). The kiosk's own standing is in its schema, below.
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON staff TO tern_advisor, tern_admin USING (true) WITH CHECK (true);
CREATE POLICY own_standing ON staff FOR SELECT TO tern_student
    USING (username = (current_user::text COLLATE "default"));
GRANT SELECT (username, role) ON staff TO tern_student;

-- A skill a student names in their profile that the catalogue does not know yet.
GRANT INSERT (name) ON skills TO tern_student;

-- Every move writes the rejection reason code (a student's, to clear it); only staff reject.
GRANT UPDATE (status_reason_code) ON applications TO tern_student;
CREATE FUNCTION tern_student_sets_no_reason_code() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF tern_session_is_student() AND NEW.status_reason_code IS NOT NULL THEN
        RAISE EXCEPTION 'a student does not give a rejection reason' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER applications_student_reason_code BEFORE UPDATE OF status_reason_code ON applications
FOR EACH ROW WHEN (NEW.status_reason_code IS DISTINCT FROM OLD.status_reason_code)
EXECUTE FUNCTION tern_student_sets_no_reason_code();

-- How many of a listing's spots are taken (accepted and on), without the applications.
CREATE VIEW listing_spots_taken WITH (security_barrier) AS
SELECT o.id AS opportunity_id,
       (SELECT count(*) FROM applications a
        WHERE a.opportunity_id = o.id AND a.status IN ('accepted', 'in_progress', 'delivered', 'completed')) AS taken
FROM opportunities o
WHERE (o.approval = 'approved' AND o.status <> 'draft') OR NOT tern_session_is_student();
GRANT SELECT ON listing_spots_taken TO tern_student, tern_advisor, tern_admin;

-- Who was shown a student's records, as SQLite's Catalogue.disclosures(ofStudent:) reads them:
-- their record read, lists narrowed to them, exports of every student (and of every
-- application, once they had applied), staff acting for them; never their own actions.
CREATE VIEW student_disclosures WITH (security_barrier) AS
SELECT s.username AS student, l.id, l.at, l.actor_role, coalesce(st.name, l.actor_username) AS name, l.action,
       l.detail, l.application_id
FROM students s
JOIN audit_log l ON l.actor_username <> s.username
     AND (l.student_id = s.id
          OR l.action = 'exported_students'
          OR (l.action = 'exported_applications'
              AND EXISTS (SELECT 1 FROM applications a WHERE a.student_id = s.id AND a.created_at <= l.at)))
LEFT JOIN staff st ON st.username = l.actor_username
WHERE s.username = (current_user::text COLLATE "default") OR NOT tern_session_is_student();
GRANT SELECT ON student_disclosures TO tern_student, tern_advisor, tern_admin;

-- The kiosk's listings: approved open listings only, under the tables' own names.
CREATE SCHEMA tern_kiosk;
GRANT USAGE ON SCHEMA tern_kiosk TO tern_kiosk;

CREATE VIEW tern_kiosk.opportunities WITH (security_barrier) AS
SELECT id, ref, organization_id, title, field, brief, hours, duration_days, schedule, starts_on, deadline,
       compensation_kind, compensation_cents, currency, hourly_cents, location_kind, city, spots, status, approval,
       posted_at, updated_at, version, pay_rank
FROM public.opportunities WHERE status = 'open' AND approval = 'approved';

CREATE VIEW tern_kiosk.organizations WITH (security_barrier) AS
SELECT org.id, org.name, org.kind, org.website, org.contact_email, org.description, org.verified, org.approval,
       org.trusted, org.created_at, org.version
FROM public.organizations org
WHERE EXISTS (SELECT 1 FROM public.opportunities o
              WHERE o.organization_id = org.id AND o.status = 'open' AND o.approval = 'approved');

CREATE VIEW tern_kiosk.opportunity_deliverables WITH (security_barrier) AS
SELECT d.opportunity_id, d.position, d.description
FROM public.opportunity_deliverables d JOIN public.opportunities o ON o.id = d.opportunity_id
WHERE o.status = 'open' AND o.approval = 'approved';

CREATE VIEW tern_kiosk.opportunity_skills WITH (security_barrier) AS
SELECT os.opportunity_id, os.skill_id
FROM public.opportunity_skills os JOIN public.opportunities o ON o.id = os.opportunity_id
WHERE o.status = 'open' AND o.approval = 'approved';

CREATE VIEW tern_kiosk.skills WITH (security_barrier) AS
SELECT s.id, s.name FROM public.skills s
WHERE EXISTS (SELECT 1 FROM public.opportunity_skills os JOIN public.opportunities o ON o.id = os.opportunity_id
              WHERE os.skill_id = s.id AND o.status = 'open' AND o.approval = 'approved');

-- The word table holds approved listings only; `open` is the rest.
CREATE VIEW tern_kiosk.listing_words WITH (security_barrier) AS
SELECT word, listing_id, fields, open, deadline, posted_at, hours, pay_rank FROM public.listing_words WHERE open;

CREATE VIEW tern_kiosk.settings WITH (security_barrier) AS
SELECT key, value FROM public.settings WHERE key IN ('apply_link', 'home_currency');

CREATE VIEW tern_kiosk.listing_spots_taken WITH (security_barrier) AS
SELECT o.id AS opportunity_id,
       (SELECT count(*) FROM public.applications a
        WHERE a.opportunity_id = o.id AND a.status IN ('accepted', 'in_progress', 'delivered', 'completed')) AS taken
FROM public.opportunities o
WHERE o.status = 'open' AND o.approval = 'approved';

-- Who the kiosk's login is (nobody, as a rule): only its own login, in the staff list and among students.
CREATE VIEW tern_kiosk.staff WITH (security_barrier) AS
SELECT username, role FROM public.staff WHERE username = (current_user::text COLLATE "default");

CREATE VIEW tern_kiosk.students WITH (security_barrier) AS
SELECT username FROM public.students WHERE username = (current_user::text COLLATE "default");

GRANT SELECT ON ALL TABLES IN SCHEMA tern_kiosk TO tern_kiosk;
"""#
}
