/// Schema v3, search by the keystroke (docs/postgres-search.md): a table of the folded words of
/// every public listing, each word's listings kept in every list order, so that a prefix's first
/// page is a merge of a few short index walks (each word's first rows in the order) rather than a
/// walk of every open listing testing each (2 s for a prefix nothing has, at 1M listings).
///
/// - `tern_fold(text)`: lower case and accents removed (`unaccent`), IMMUTABLE so indexes and
///   triggers may use it; both the stored words and the typed ones go through it, as FTS5's
///   `unicode61 remove_diacritics` folds both sides in the SQLite catalogue.
/// - `listing_words`: one row per distinct word per listing that a student may ever list: approved
///   and not a draft (open ones, and the closed, filled and archived ones `include closed` shows).
///   Whether it is open and its deadline ride along in each order's index, so that the open
///   list's tests are read from the index; the row-level `deadline >= today` stays a query test
///   because it changes with the day, not with the listing.
///   `fields` says where the word occurs (1 title, 2 organization, 4 skills, 8 brief), for
///   ranking.
/// - Kept by triggers in the same transaction as the change to the listing, its skills, a skill's
///   or its organization's name; a change of an order's key alone (a new home currency re-ranks
///   every listing) updates the keys in place without splitting the text again.
/// - No row-level security: nothing in it is private (approved listings only), and RLS would keep
///   its operators from the indexes. Readable by every role that reads listings (not the kiosk,
///   which reads its view).
enum ListingSearchV3 {
    static let sql = #"""
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

-- The dictionary is named, so the function does not depend on the caller's search_path, which
-- is what makes declaring it IMMUTABLE safe.
CREATE FUNCTION tern_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(public.unaccent('public.unaccent'::regdictionary, value));

-- The words of a text as the search sees them: runs of letters and digits, folded.
CREATE FUNCTION tern_words(value text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT DISTINCT w FROM regexp_split_to_table(tern_fold(value), '[^[:alnum:]]+') AS w WHERE w <> '';
END;

CREATE TABLE listing_words (
    word text COLLATE "C" NOT NULL,
    listing_id bigint NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    fields smallint NOT NULL,
    open boolean NOT NULL,
    deadline text NOT NULL,
    posted_at text NOT NULL,
    hours bigint NOT NULL,
    pay_rank bigint NOT NULL,
    PRIMARY KEY (listing_id, word)
);
-- One index per order, each ending in the id as the order does; a prefix's page reads each of
-- its words' first rows here.
CREATE INDEX listing_words_by_deadline ON listing_words (word, deadline, listing_id) INCLUDE (open);
CREATE INDEX listing_words_by_posted ON listing_words (word, posted_at, listing_id) INCLUDE (open, deadline);
CREATE INDEX listing_words_by_hours ON listing_words (word, hours, listing_id) INCLUDE (open, deadline);
CREATE INDEX listing_words_by_pay ON listing_words (word, pay_rank, listing_id) INCLUDE (open, deadline);

-- Writes the words of one listing again (none when it is not public).
CREATE FUNCTION tern_index_listing_words(listing bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    DELETE FROM listing_words WHERE listing_id = listing;
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
    WHERE o.id = listing AND o.approval = 'approved' AND o.status <> 'draft'
    GROUP BY w.word, o.id;
END $$;

CREATE FUNCTION tern_listing_words_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'INSERT'
       OR NEW.title IS DISTINCT FROM OLD.title OR NEW.brief IS DISTINCT FROM OLD.brief
       OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
       OR (NEW.approval = 'approved' AND NEW.status <> 'draft') IS DISTINCT FROM (OLD.approval = 'approved' AND OLD.status <> 'draft')
    THEN
        PERFORM tern_index_listing_words(NEW.id);
    ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.deadline IS DISTINCT FROM OLD.deadline
       OR NEW.posted_at IS DISTINCT FROM OLD.posted_at OR NEW.hours IS DISTINCT FROM OLD.hours
       OR NEW.pay_rank IS DISTINCT FROM OLD.pay_rank
    THEN
        UPDATE listing_words SET open = NEW.status = 'open', deadline = NEW.deadline, posted_at = NEW.posted_at,
                                 hours = NEW.hours, pay_rank = NEW.pay_rank
        WHERE listing_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER opportunities_listing_words AFTER INSERT OR UPDATE ON opportunities
FOR EACH ROW EXECUTE FUNCTION tern_listing_words_changed();

CREATE FUNCTION tern_listing_skills_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM tern_index_listing_words(NEW.opportunity_id);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND (TG_OP = 'DELETE' OR OLD.opportunity_id <> NEW.opportunity_id) THEN
        PERFORM tern_index_listing_words(OLD.opportunity_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER opportunity_skills_listing_words AFTER INSERT OR UPDATE OR DELETE ON opportunity_skills
FOR EACH ROW EXECUTE FUNCTION tern_listing_skills_changed();

CREATE FUNCTION tern_listing_names_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_TABLE_NAME = 'organizations' THEN
        PERFORM tern_index_listing_words(o.id) FROM opportunities o WHERE o.organization_id = NEW.id;
    ELSE
        PERFORM tern_index_listing_words(os.opportunity_id) FROM opportunity_skills os WHERE os.skill_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER organizations_listing_words AFTER UPDATE OF name ON organizations
FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION tern_listing_names_changed();
CREATE TRIGGER skills_listing_words AFTER UPDATE OF name ON skills
FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION tern_listing_names_changed();

-- Every listing's words at once, in one statement (a listing at a time costs a statement each:
-- 740 s for 98,000 listings): for this step and for bulk loads after COPY.
CREATE FUNCTION tern_index_all_listing_words() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    DELETE FROM listing_words;
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
    WHERE o.approval = 'approved' AND o.status <> 'draft'
    GROUP BY w.word, o.id;
END $$;

-- Listings already in the catalogue.
SELECT tern_index_all_listing_words();

GRANT SELECT ON listing_words TO tern_student, tern_advisor, tern_admin;
"""#
}
