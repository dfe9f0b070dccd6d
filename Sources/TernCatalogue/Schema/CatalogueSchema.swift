internal import GRDB

/// The catalogue's versioned migrations. Registered in order and never edited once released:
/// a schema change is a new migration appended at the end.
///
/// ```swift
/// try CatalogueSchema.migrator.migrate(pool)
/// ```
enum CatalogueSchema {
    /// The newest migration's identifier; `tern check` reports it as the schema version.
    static let latestVersion = UpdatesSchema.version

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: v1Tables)
            try db.execute(sql: v1Transitions)
            try db.execute(sql: searchTriggers)
            try db.execute(sql: appendOnlyTriggers)
        }
        migrator.registerMigration("v2-student-actions") { db in
            try db.execute(sql: v2StudentActions)
        }
        migrator.registerMigration("v3-pay-order") { db in
            try db.execute(sql: v3PayOrder)
            try db.execute(sql: payRankListingTriggers)
            try db.execute(sql: homeCurrencyTriggers)
        }
        migrator.registerMigration("v4-postings-approval") { db in
            try db.execute(sql: v4PostingsApproval)
        }
        migrator.registerMigration("v5-triage") { db in
            try db.execute(sql: TriageSchema.v5Triage)
        }
        migrator.registerMigration("v6-report-trends") { db in
            try db.execute(sql: TrendSchema.v6ReportTrends)
        }
        migrator.registerMigration("v7-listing-orders") { db in
            try db.execute(sql: v7ListingOrders)
        }
        migrator.registerMigration("v8-records") { db in
            try RecordsSchema.migrate(db)
        }
        migrator.registerMigration(ReopenSchema.version) { db in
            try db.execute(sql: ReopenSchema.sql)
        }
        migrator.registerMigration(StaffQueueSchema.version) { db in
            try db.execute(sql: StaffQueueSchema.sql)
        }
        migrator.registerMigration(UpdatesSchema.version) { db in
            try db.execute(sql: UpdatesSchema.sql)
        }
        return migrator
    }

    // Where a student's finished work lives, stored with the move to `delivered`. The student
    // actions (saved listings, saved searches, profile edits) need no new index: the primary
    // keys of saved_opportunities, student_skills, student_interests and the UNIQUE
    // (student_id, name) of saved_searches already lead with the student.
    private static let v2StudentActions = """
    ALTER TABLE applications ADD COLUMN deliverable_link TEXT;
    """

    // Every browse order walks an index led by the visibility columns and stops after a page
    // (issue 12): the hours order had none and sorted every match, 0.3 s for `pyth` at 1M.
    // Counts get a narrow covering index to look their candidates up in.
    private static let v7ListingOrders = """
    CREATE INDEX opportunities_by_hours ON opportunities(status, approval, hours, id);
    -- A field's visible listings, counted in the index alone (For you counts a student's interests).
    DROP INDEX opportunities_by_field;
    CREATE INDEX opportunities_by_field ON opportunities(field, status, approval, deadline, id);
    -- Counts start from a set of ids (text matches, listings fitting a student) and look each one
    -- up: here, a sixth the size of the table's rows, instead of the rows with their briefs.
    CREATE INDEX opportunities_facts ON opportunities(id, status, approval, deadline, field, location_kind,
        compensation_kind, hours, duration_days);
    """

    // `sort pay` must never compare amounts in different currencies as one number (issue 9):
    // listings get a stored rank (see `PayRank`), filled here for existing listings and kept by
    // triggers from then on, and the catalogue gets a place for its settings, starting
    // with the home currency the pay order ranks first. Settings are rows rather than columns
    // so that later ones (roadmap: pay floor, response deadlines) need no table rewrite.
    private static let v3PayOrder = """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        CHECK (key <> '\(PayRank.homeCurrencySetting)' OR value GLOB '[A-Z][A-Z][A-Z]')
    ) WITHOUT ROWID;
    INSERT INTO settings(key, value) VALUES ('\(PayRank.homeCurrencySetting)', '\(PayRank.defaultHomeCurrency)');
    -- Every listing's rank reads this row: it can change but not go.
    CREATE TRIGGER settings_keep_home_currency BEFORE DELETE ON settings
    WHEN OLD.key = '\(PayRank.homeCurrencySetting)'
    BEGIN SELECT RAISE(ABORT, 'the home currency can be changed but not removed'); END;

    ALTER TABLE opportunities ADD COLUMN pay_rank INTEGER NOT NULL DEFAULT 0;
    UPDATE opportunities SET pay_rank = \(PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: PayRank.storedHomeCurrency));
    CREATE INDEX opportunities_by_pay ON opportunities(status, approval, pay_rank, id);
    """

    /// Keep `opportunities.pay_rank` right whoever writes a listing: a new listing is ranked,
    /// and one whose pay, currency or kind changes is re-ranked. Bulk loaders write the rank
    /// themselves and drop these while they load.
    static let payRankListingTriggers = """
    CREATE TRIGGER opportunities_pay_rank_insert AFTER INSERT ON opportunities BEGIN
        UPDATE opportunities
        SET pay_rank = \(PayRank.sql(hourly: "NEW.hourly_cents", currency: "NEW.currency", kind: "NEW.compensation_kind", home: PayRank.storedHomeCurrency))
        WHERE id = NEW.id;
    END;
    CREATE TRIGGER opportunities_pay_rank_update AFTER UPDATE OF hourly_cents, currency, compensation_kind ON opportunities
    WHEN NEW.hourly_cents IS NOT OLD.hourly_cents OR NEW.currency IS NOT OLD.currency
        OR NEW.compensation_kind IS NOT OLD.compensation_kind
    BEGIN
        UPDATE opportunities
        SET pay_rank = \(PayRank.sql(hourly: "NEW.hourly_cents", currency: "NEW.currency", kind: "NEW.compensation_kind", home: PayRank.storedHomeCurrency))
        WHERE id = NEW.id;
    END;
    """

    // A new home currency re-ranks every listing, whether it is set by UPDATE or by INSERT OR
    // REPLACE (which deletes the old row without firing delete triggers).
    private static let homeCurrencyTriggers = """
    CREATE TRIGGER settings_home_currency_updated AFTER UPDATE OF value ON settings
    WHEN NEW.key = '\(PayRank.homeCurrencySetting)' AND NEW.value IS NOT OLD.value
    BEGIN
        UPDATE opportunities SET pay_rank = \(PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: "NEW.value"));
    END;
    CREATE TRIGGER settings_home_currency_inserted AFTER INSERT ON settings
    WHEN NEW.key = '\(PayRank.homeCurrencySetting)'
    BEGIN
        UPDATE opportunities SET pay_rank = \(PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: "NEW.value"));
    END;
    """

    // Enumerations are CHECK constraints so that even raw SQL from another tool cannot store a
    // value the Swift enums don't know. `approval` columns and generic statuses leave room for
    // posting approval (roadmap) without a table rewrite.
    private static let v1Tables = """
    CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('company','nonprofit','campus_office','startup')),
        website TEXT,
        contact_email TEXT,
        description TEXT NOT NULL DEFAULT '',
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0,1)),
        approval TEXT NOT NULL DEFAULT 'approved' CHECK (approval IN ('pending','approved','declined')),
        created_at TEXT NOT NULL
    );

    CREATE TABLE skills (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );

    CREATE TABLE opportunities (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        title TEXT NOT NULL CHECK (length(title) > 0),
        field TEXT NOT NULL,
        brief TEXT NOT NULL DEFAULT '',
        hours INTEGER NOT NULL CHECK (hours > 0),
        duration_days INTEGER NOT NULL CHECK (duration_days > 0),
        schedule TEXT NOT NULL CHECK (schedule IN ('flexible','fixed')),
        starts_on TEXT,
        deadline TEXT NOT NULL,
        compensation_kind TEXT NOT NULL CHECK (compensation_kind IN
            ('fixed_fee','hourly','stipend','academic_credit','certificate','unpaid')),
        compensation_cents INTEGER CHECK (compensation_cents IS NULL OR compensation_cents >= 0),
        currency TEXT,
        hourly_cents INTEGER NOT NULL DEFAULT 0,
        location_kind TEXT NOT NULL CHECK (location_kind IN ('remote','on_site','hybrid')),
        city TEXT,
        spots INTEGER NOT NULL DEFAULT 1 CHECK (spots > 0),
        status TEXT NOT NULL CHECK (status IN ('draft','open','closed','filled','archived')),
        approval TEXT NOT NULL DEFAULT 'approved' CHECK (approval IN ('pending','approved','declined')),
        posted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
    );
    -- Keyset paging: every browse order has an index ending in id, led by the visibility columns.
    CREATE INDEX opportunities_by_deadline ON opportunities(status, approval, deadline, id);
    CREATE INDEX opportunities_by_posted ON opportunities(status, approval, posted_at, id);
    CREATE INDEX opportunities_by_field ON opportunities(field, status, deadline);
    CREATE INDEX opportunities_by_organization ON opportunities(organization_id);

    CREATE TABLE opportunity_deliverables (
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        PRIMARY KEY (opportunity_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE opportunity_skills (
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE RESTRICT,
        PRIMARY KEY (opportunity_id, skill_id)
    ) WITHOUT ROWID;
    CREATE INDEX opportunity_skills_by_skill ON opportunity_skills(skill_id, opportunity_id);

    CREATE TABLE students (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        program TEXT NOT NULL DEFAULT '',
        graduation_year INTEGER,
        hours_per_week INTEGER NOT NULL DEFAULT 0 CHECK (hours_per_week >= 0),
        directory_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (directory_opt_out IN (0,1)),
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
    );

    CREATE TABLE student_skills (
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE RESTRICT,
        level TEXT NOT NULL CHECK (level IN ('beginner','intermediate','advanced','expert')),
        PRIMARY KEY (student_id, skill_id)
    ) WITHOUT ROWID;

    CREATE TABLE student_interests (
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        PRIMARY KEY (student_id, field)
    ) WITHOUT ROWID;

    CREATE TABLE student_links (
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (student_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('advisor','admin'))
    );

    CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        cover_note TEXT NOT NULL DEFAULT '',
        portfolio_link TEXT,
        hours_offered INTEGER NOT NULL CHECK (hours_offered > 0),
        status TEXT NOT NULL REFERENCES application_statuses(name),
        status_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (student_id, opportunity_id)
    );
    CREATE INDEX applications_by_opportunity ON applications(opportunity_id, status);
    CREATE INDEX applications_by_status ON applications(status, updated_at, id);

    CREATE TABLE application_events (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        actor_role TEXT NOT NULL CHECK (actor_role IN ('student','staff','organization','system')),
        actor_username TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        note TEXT,
        visibility TEXT NOT NULL CHECK (visibility IN ('shared','staff')),
        at TEXT NOT NULL
    );
    CREATE INDEX application_events_by_application ON application_events(application_id, id);

    CREATE TABLE feedback (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('organization_to_student','student_to_organization')),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        strengths TEXT,
        improvements TEXT,
        comment TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (application_id, direction)
    ) WITHOUT ROWID;

    CREATE TABLE feedback_skills (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE RESTRICT,
        PRIMARY KEY (application_id, skill_id)
    ) WITHOUT ROWID;

    -- Feedback exists only for completed work; the catalogue refuses it otherwise, whoever writes.
    CREATE TRIGGER feedback_needs_completed BEFORE INSERT ON feedback
    WHEN (SELECT status FROM applications WHERE id = NEW.application_id) IS NOT 'completed'
    BEGIN SELECT RAISE(ABORT, 'feedback requires a completed application'); END;

    CREATE TABLE saved_opportunities (
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (student_id, opportunity_id)
    ) WITHOUT ROWID;

    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (student_id, name)
    );

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        actor_username TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        action TEXT NOT NULL,
        -- No foreign key: the audit trail outlives the record it speaks of.
        student_id INTEGER,
        detail TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX audit_log_by_student ON audit_log(student_id, at);

    -- Prefix indexes make search-as-you-type cheap from the second keystroke. Tern queries only
    -- single-token prefix terms, never phrases, so token positions (detail=full) would be
    -- dead weight: detail=column keeps per-column ranking at a quarter less index work.
    CREATE VIRTUAL TABLE opportunity_search USING fts5(
        title, organization, skills, brief,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3',
        detail = column
    );
    """

    // The state machine as data, so the database itself refuses an illegal move even from raw
    // SQL. `ApplicationStatus.legalMoves` is the Swift source of truth; a test pins the two equal.
    private static let v1Transitions = """
    CREATE TABLE application_statuses (name TEXT PRIMARY KEY, terminal INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO application_statuses VALUES
        ('submitted',0),('under_review',0),('shortlisted',0),('offered',0),('accepted',0),
        ('in_progress',0),('delivered',0),('completed',1),('rejected',1),('withdrawn',1),
        ('offer_declined',1),('expired',1);
    CREATE TABLE application_transitions (
        from_status TEXT NOT NULL REFERENCES application_statuses(name),
        to_status TEXT NOT NULL REFERENCES application_statuses(name),
        PRIMARY KEY (from_status, to_status)
    ) WITHOUT ROWID;
    INSERT INTO application_transitions VALUES
        ('submitted','under_review'),('submitted','rejected'),('submitted','withdrawn'),('submitted','expired'),
        ('under_review','shortlisted'),('under_review','rejected'),('under_review','withdrawn'),('under_review','expired'),
        ('shortlisted','offered'),('shortlisted','rejected'),('shortlisted','withdrawn'),('shortlisted','expired'),
        ('offered','accepted'),('offered','offer_declined'),('offered','withdrawn'),('offered','expired'),
        ('accepted','in_progress'),('accepted','withdrawn'),
        ('in_progress','delivered'),('in_progress','withdrawn'),
        ('delivered','completed'),('delivered','in_progress');
    CREATE TRIGGER applications_legal_transition BEFORE UPDATE OF status ON applications
    WHEN NEW.status IS NOT OLD.status AND NOT EXISTS (
        SELECT 1 FROM application_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
    BEGIN SELECT RAISE(ABORT, 'illegal application status transition'); END;
    """ + applicationStartTrigger

    static let applicationStartTrigger = """
    CREATE TRIGGER applications_start_submitted BEFORE INSERT ON applications
    WHEN NEW.status IS NOT 'submitted'
    BEGIN SELECT RAISE(ABORT, 'a new application starts as submitted'); END;
    """

    // The full-text index holds denormalised copies (organization name, skill names), so every
    // table that feeds it keeps it in sync. Bulk loaders drop these, load, rebuild, recreate.
    static let searchTriggers = """
    CREATE TRIGGER opportunity_search_insert AFTER INSERT ON opportunities BEGIN
        INSERT INTO opportunity_search(rowid, title, organization, skills, brief)
        VALUES (NEW.id, NEW.title, (SELECT name FROM organizations WHERE id = NEW.organization_id), '', NEW.brief);
    END;
    CREATE TRIGGER opportunity_search_update AFTER UPDATE OF title, brief, organization_id ON opportunities BEGIN
        UPDATE opportunity_search SET title = NEW.title, brief = NEW.brief,
            organization = (SELECT name FROM organizations WHERE id = NEW.organization_id)
        WHERE rowid = NEW.id;
    END;
    CREATE TRIGGER opportunity_search_delete AFTER DELETE ON opportunities BEGIN
        DELETE FROM opportunity_search WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER opportunity_search_skill_added AFTER INSERT ON opportunity_skills BEGIN
        UPDATE opportunity_search SET skills = (
            SELECT group_concat(s.name, ' ') FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
            WHERE os.opportunity_id = NEW.opportunity_id)
        WHERE rowid = NEW.opportunity_id;
    END;
    CREATE TRIGGER opportunity_search_skill_removed AFTER DELETE ON opportunity_skills BEGIN
        UPDATE opportunity_search SET skills = coalesce((
            SELECT group_concat(s.name, ' ') FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
            WHERE os.opportunity_id = OLD.opportunity_id), '')
        WHERE rowid = OLD.opportunity_id;
    END;
    CREATE TRIGGER opportunity_search_organization_renamed AFTER UPDATE OF name ON organizations BEGIN
        UPDATE opportunity_search SET organization = NEW.name
        WHERE rowid IN (SELECT id FROM opportunities WHERE organization_id = NEW.id);
    END;
    """

    /// Triggers a bulk loader drops inside its transaction and recreates (with
    /// ``searchTriggers``, ``applicationStartTrigger`` and ``payRankListingTriggers``) after
    /// rebuilding the search index.
    /// A synthetic history is written whole, so the "starts as submitted" rule is checked by the
    /// generator instead.
    static let bulkSuspendedTriggers = [
        "opportunity_search_insert", "opportunity_search_update", "opportunity_search_delete",
        "opportunity_search_skill_added", "opportunity_search_skill_removed",
        "opportunity_search_organization_renamed", "applications_start_submitted",
        "opportunities_pay_rank_insert", "opportunities_pay_rank_update",
        "audit_log_chained", "application_events_chained",
    ]

    /// Tables the synthetic loader fills in bulk (their secondary indexes are built after the load).
    static let bulkLoadedTables = [
        "opportunities", "opportunity_skills", "opportunity_deliverables", "students", "student_skills",
        "applications", "application_events",
    ]

    /// Rebuilds the whole full-text index from the tables; used after bulk loads.
    static let rebuildSearch = """
    DELETE FROM opportunity_search;
    INSERT INTO opportunity_search(rowid, title, organization, skills, brief)
    SELECT o.id, o.title, org.name,
           coalesce((SELECT group_concat(s.name, ' ') FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                     WHERE os.opportunity_id = o.id), ''),
           o.brief
    FROM opportunities o JOIN organizations org ON org.id = o.organization_id;
    """

    // History and audit are evidence: nobody edits or deletes them, not even staff tools.
    private static let appendOnlyTriggers = """
    CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
    BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
    CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
    WHEN EXISTS (SELECT 1 FROM applications WHERE id = OLD.application_id)
    BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    """
}
