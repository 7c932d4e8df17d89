-- Issue 17, erasure everywhere: an erased person's data must not come back through any collector
-- or import. V038 blocks the erased addresses by their hash, and only the git collector checked it.
-- This migration blocks the erased logins the same way (the SHA-256 of the lower-cased login: a
-- login is as personal as an address, and the hash is all that is kept), and enforces both where
-- every identity is written, the identity table itself, so that no writer (git, GitHub, the
-- enrolment imports, the API, a snapshot load) can store them again. docs/decisions.md, "Erasure
-- everywhere".
CREATE TABLE erased_login (
    login_sha256   text        PRIMARY KEY,                           -- sha256 hex of lower(login)
    identity_id    bigint      NOT NULL REFERENCES identity (id),     -- the pseudonymous identity that held it
    contributor_id bigint      NOT NULL REFERENCES contributor (id),
    erased_at      timestamptz NOT NULL
);

CREATE FUNCTION erased_login_sha256(login text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(lower(btrim(login)), 'UTF8')), 'hex')
$$;

-- The guard runs after identity_email_pseudonym (V028; triggers of one event fire in name order),
-- so the address's hash is known. A writer that meets an erased address or login should map it to
-- the pseudonymous identity itself (the collectors and imports do); should one not, the row is
-- still stored without the erased data: no address, no login, no name (the name came with them),
-- only the hash and the domain that V028 keeps for every address.
CREATE FUNCTION identity_erasure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.email IS NOT NULL AND EXISTS (SELECT 1 FROM erased_email e WHERE e.email_sha256 = NEW.email_sha256))
       OR (NEW.username IS NOT NULL AND EXISTS (SELECT 1 FROM erased_login l WHERE l.login_sha256 = erased_login_sha256(NEW.username)))
       -- a GitHub noreply address spells its login
       OR (NEW.email ~* '@users\.noreply\.github\.com$' AND EXISTS (SELECT 1 FROM erased_login l
           WHERE l.login_sha256 = erased_login_sha256(substring(NEW.email FROM '^(?:[0-9]+\+)?([^@]+)@')))) THEN
        NEW.email := NULL;
        NEW.platform := NULL;
        NEW.username := NULL;
        NEW.name := 'erased-' || NEW.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER identity_erasure_guard BEFORE INSERT OR UPDATE OF name, email, username ON identity
    FOR EACH ROW EXECUTE FUNCTION identity_erasure_guard();

-- A Hugging Face repository id starts with its owner's namespace, which for a person is a login:
-- a derivative published under an erased login is stored under the pseudonym instead, in its name,
-- publisher name and source URL alike.
CREATE FUNCTION derivative_erasure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    namespace text := split_part(NEW.derived_name, '/', 1);
    pseudonym text;
BEGIN
    IF position('/' IN NEW.derived_name) > 1 THEN
        SELECT 'erased-contributor-' || l.contributor_id INTO pseudonym FROM erased_login l
        WHERE l.login_sha256 = erased_login_sha256(namespace);
        IF pseudonym IS NOT NULL THEN
            NEW.derived_name := pseudonym || substring(NEW.derived_name FROM length(namespace) + 1);
            IF lower(NEW.publisher_name) = lower(namespace) THEN
                NEW.publisher_name := pseudonym;
            END IF;
            NEW.source_url := replace(NEW.source_url, '/' || namespace || '/', '/' || pseudonym || '/');
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER derivative_erasure_guard BEFORE INSERT ON derivative
    FOR EACH ROW EXECUTE FUNCTION derivative_erasure_guard();
