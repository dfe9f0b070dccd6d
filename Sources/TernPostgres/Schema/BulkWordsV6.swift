/// Schema v6: the word table kept a statement at a time (issue 20, import through `COPY` at
/// ≥ 50,000 rows/s).
///
/// v3 kept `listing_words` with row triggers: each inserted listing ran the word split as a
/// statement of its own, and each of its skills ran it again; a new home currency, which
/// re-ranks every listing, updated the word rows one listing at a time. An import of 100,000
/// listings spent most of its time there (about 4,000 rows/s).
///
/// Here the same rules run once per statement over its transition tables (`REFERENCING NEW
/// TABLE`), so a bulk insert splits the words of all its listings in one set-based statement,
/// and a single-row write does exactly what it did before, in the same transaction. The
/// listing's words are still never out of step with the listing at any commit.
///
/// The pay rank of a new listing is set the same way (a statement trigger that leaves a rank the
/// writer gave right alone), so the import gives it.
///
/// PostgreSQL allows transition tables only on a trigger of one event and no column list, so
/// each event has a trigger of its own.
enum BulkWordsV6 {
    static let sql = #"""
-- The words of these listings written again (none for one that is not public, or gone).
CREATE FUNCTION tern_index_listings_words(listings bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF cardinality(listings) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM listing_words WHERE listing_id = ANY(listings);
    INSERT INTO listing_words (word, listing_id, fields, open, deadline, posted_at, hours, pay_rank)
    SELECT w.word, o.id, bit_or(w.field)::smallint, o.status = 'open', o.deadline, o.posted_at, o.hours, o.pay_rank
    FROM opportunities o
    JOIN organizations org ON org.id = o.organization_id
    CROSS JOIN LATERAL (
        SELECT t, 1 FROM tern_words(o.title) t
        UNION ALL SELECT t, 2 FROM tern_words(org.name) t
        UNION ALL SELECT t, 4 FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id,
                                    tern_words(s.name) t WHERE os.opportunity_id = o.id
        UNION ALL SELECT t, 8 FROM tern_words(o.brief) t
    ) AS w(word, field)
    WHERE o.id = ANY(listings) AND o.approval = 'approved' AND o.status <> 'draft'
    GROUP BY w.word, o.id
    -- In word order, four of the five indexes are written where the last row was: 45 s rather
    -- than 76 s for the 1.6 million words of 46,000 listings.
    ORDER BY w.word, o.id;
END $$;

-- The bulk fill (tern migrate, loads after COPY) in word order too.
CREATE OR REPLACE FUNCTION tern_index_all_listing_words() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    DELETE FROM listing_words;
    PERFORM tern_index_listings_words(ARRAY(SELECT id FROM opportunities));
END $$;

DROP TRIGGER opportunities_listing_words ON opportunities;
DROP TRIGGER opportunity_skills_listing_words ON opportunity_skills;
DROP TRIGGER organizations_listing_words ON organizations;
DROP TRIGGER skills_listing_words ON skills;
DROP FUNCTION tern_listing_words_changed();
DROP FUNCTION tern_listing_skills_changed();
DROP FUNCTION tern_listing_names_changed();

-- The word table is derived, written only by these functions: a foreign key checked row by row
-- cost a third of the time of writing a bulk load's words (8 s of 25 for 1.6 million words), so
-- a removed listing's words go with it by a trigger instead of ON DELETE CASCADE.
ALTER TABLE listing_words DROP CONSTRAINT listing_words_listing_id_fkey;
CREATE FUNCTION tern_listings_deleted_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    DELETE FROM listing_words WHERE listing_id IN (SELECT id FROM removed_listings);
    RETURN NULL;
END $$;
CREATE TRIGGER opportunities_words_deleted AFTER DELETE ON opportunities
REFERENCING OLD TABLE AS removed_listings
FOR EACH STATEMENT EXECUTE FUNCTION tern_listings_deleted_words();

-- New listings: only the public ones have words (a pending or draft one gets them when it is
-- approved or published, by the update trigger).
CREATE FUNCTION tern_listings_inserted_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(
        SELECT n.id FROM inserted_listings n WHERE n.approval = 'approved' AND n.status <> 'draft'));
    RETURN NULL;
END $$;
CREATE TRIGGER opportunities_words_inserted AFTER INSERT ON opportunities
REFERENCING NEW TABLE AS inserted_listings
FOR EACH STATEMENT EXECUTE FUNCTION tern_listings_inserted_words();

-- Changed listings: a new text, organization or visibility splits the words again; a change of
-- an order's key alone (status, deadline, date, hours, pay rank) updates the keys in place.
CREATE FUNCTION tern_listings_updated_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    rewritten bigint[];
BEGIN
    rewritten := ARRAY(
        SELECT n.id FROM updated_listings n JOIN replaced_listings o ON o.id = n.id
        WHERE n.title IS DISTINCT FROM o.title OR n.brief IS DISTINCT FROM o.brief
           OR n.organization_id IS DISTINCT FROM o.organization_id
           OR (n.approval = 'approved' AND n.status <> 'draft') IS DISTINCT FROM (o.approval = 'approved' AND o.status <> 'draft'));
    PERFORM tern_index_listings_words(rewritten);
    UPDATE listing_words lw
    SET open = n.status = 'open', deadline = n.deadline, posted_at = n.posted_at, hours = n.hours, pay_rank = n.pay_rank
    FROM updated_listings n JOIN replaced_listings o ON o.id = n.id
    WHERE lw.listing_id = n.id AND n.id <> ALL(rewritten)
      AND (n.status IS DISTINCT FROM o.status OR n.deadline IS DISTINCT FROM o.deadline
           OR n.posted_at IS DISTINCT FROM o.posted_at OR n.hours IS DISTINCT FROM o.hours
           OR n.pay_rank IS DISTINCT FROM o.pay_rank);
    RETURN NULL;
END $$;
CREATE TRIGGER opportunities_words_updated AFTER UPDATE ON opportunities
REFERENCING OLD TABLE AS replaced_listings NEW TABLE AS updated_listings
FOR EACH STATEMENT EXECUTE FUNCTION tern_listings_updated_words();

-- A listing's skills changed: its words again, once per listing however many skills moved.
CREATE FUNCTION tern_listing_skills_inserted_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(SELECT DISTINCT opportunity_id FROM added_skills));
    RETURN NULL;
END $$;
CREATE FUNCTION tern_listing_skills_deleted_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(SELECT DISTINCT opportunity_id FROM removed_skills));
    RETURN NULL;
END $$;
CREATE FUNCTION tern_listing_skills_updated_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(
        SELECT opportunity_id FROM added_skills UNION SELECT opportunity_id FROM removed_skills));
    RETURN NULL;
END $$;
CREATE TRIGGER opportunity_skills_words_inserted AFTER INSERT ON opportunity_skills
REFERENCING NEW TABLE AS added_skills
FOR EACH STATEMENT EXECUTE FUNCTION tern_listing_skills_inserted_words();
CREATE TRIGGER opportunity_skills_words_deleted AFTER DELETE ON opportunity_skills
REFERENCING OLD TABLE AS removed_skills
FOR EACH STATEMENT EXECUTE FUNCTION tern_listing_skills_deleted_words();
CREATE TRIGGER opportunity_skills_words_updated AFTER UPDATE ON opportunity_skills
REFERENCING OLD TABLE AS removed_skills NEW TABLE AS added_skills
FOR EACH STATEMENT EXECUTE FUNCTION tern_listing_skills_updated_words();

-- A renamed organization or skill: the words of every listing naming it, in one statement.
CREATE FUNCTION tern_organizations_renamed_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(
        SELECT o.id FROM opportunities o JOIN renamed_organizations n ON n.id = o.organization_id
        JOIN former_organizations f ON f.id = n.id WHERE n.name IS DISTINCT FROM f.name));
    RETURN NULL;
END $$;
CREATE TRIGGER organizations_words_renamed AFTER UPDATE ON organizations
REFERENCING OLD TABLE AS former_organizations NEW TABLE AS renamed_organizations
FOR EACH STATEMENT EXECUTE FUNCTION tern_organizations_renamed_words();
CREATE FUNCTION tern_skills_renamed_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM tern_index_listings_words(ARRAY(
        SELECT DISTINCT os.opportunity_id FROM opportunity_skills os JOIN renamed_skills n ON n.id = os.skill_id
        JOIN former_skills f ON f.id = n.id WHERE n.name IS DISTINCT FROM f.name));
    RETURN NULL;
END $$;
CREATE TRIGGER skills_words_renamed AFTER UPDATE ON skills
REFERENCING OLD TABLE AS former_skills NEW TABLE AS renamed_skills
FOR EACH STATEMENT EXECUTE FUNCTION tern_skills_renamed_words();

-- The pay rank of new listings, checked once per statement: a row trigger cost 19 µs a listing
-- (2 s of an import of 100,000) for a value the writer can give. A writer that gives the right
-- rank (the import) pays one pass over the statement's new rows; one that gives none or a wrong
-- one has it set here, in the same statement, before the listing's words are written (triggers
-- of one event fire in name order: pay_rank before words). The rank alone moving is no change
-- to the listing, so its version stays where it is.
DROP TRIGGER opportunities_pay_rank_insert ON opportunities;
CREATE FUNCTION tern_inserted_pay_ranks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    home text := (SELECT value FROM settings WHERE key = 'home_currency');
BEGIN
    UPDATE opportunities o SET pay_rank = tern_pay_rank(o.hourly_cents, o.currency, o.compensation_kind, home)
    FROM inserted_listings n
    WHERE o.id = n.id AND n.pay_rank IS DISTINCT FROM tern_pay_rank(n.hourly_cents, n.currency, n.compensation_kind, home);
    RETURN NULL;
END $$;
CREATE TRIGGER opportunities_pay_rank_insert AFTER INSERT ON opportunities
REFERENCING NEW TABLE AS inserted_listings
FOR EACH STATEMENT EXECUTE FUNCTION tern_inserted_pay_ranks();
"""#
}
