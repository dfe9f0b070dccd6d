extension CatalogueSchema {
    // Postings approval (issue 10). The `approval` columns have existed since v1 with the default
    // 'approved' (so older catalogues' listings stay visible); from v4 on the catalogue module
    // writes 'pending' explicitly for every new listing and organization, and this migration adds
    // what review needs: trusted organizations, the one resubmission, a decision history, and
    // the review settings as rows of `settings` (so later ones need no table rewrite).
    static let v4PostingsApproval = """
    ALTER TABLE organizations ADD COLUMN trusted INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0,1));
    ALTER TABLE opportunities ADD COLUMN resubmitted INTEGER NOT NULL DEFAULT 0 CHECK (resubmitted IN (0,1));
    CREATE INDEX opportunities_by_approval ON opportunities(approval, posted_at, id);
    CREATE INDEX organizations_by_approval ON organizations(approval, name);

    -- Who decided what about a listing or an organization, when and why. A listing decision
    -- names its organization too, so one organization's whole history is one index range.
    CREATE TABLE posting_decisions (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        opportunity_id INTEGER REFERENCES opportunities(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('approved','declined','resubmitted','trusted','untrusted')),
        reason TEXT CHECK (reason IS NULL OR reason IN (\(DeclineReason.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")))),
        note TEXT,
        actor_role TEXT NOT NULL CHECK (actor_role IN ('student','staff','organization','system')),
        actor_username TEXT NOT NULL,
        at TEXT NOT NULL,
        CHECK (decision <> 'declined' OR reason IS NOT NULL),
        CHECK (reason IS NOT 'other' OR length(trim(coalesce(note, ''))) > 0)
    );
    CREATE INDEX posting_decisions_by_opportunity ON posting_decisions(opportunity_id, id);
    CREATE INDEX posting_decisions_by_organization ON posting_decisions(organization_id, id);
    CREATE TRIGGER posting_decisions_no_update BEFORE UPDATE ON posting_decisions
    BEGIN SELECT RAISE(ABORT, 'posting_decisions is append-only'); END;

    INSERT INTO settings(key, value) VALUES ('\(ReviewSettings.payFloorKey)', '\(ReviewSettings.defaults.payFloorCents)');
    INSERT INTO settings(key, value) VALUES ('\(ReviewSettings.unpaidMaxHoursKey)', '\(ReviewSettings.defaults.unpaidMaxHours)');
    """
}
