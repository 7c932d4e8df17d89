-- Snapshots (issue #20): identities are redistributed pseudonymised. An email leaves the service as
-- its domain and the SHA-256 (hex) of the lower-cased address, so that a snapshot loaded elsewhere
-- still attributes work by domain and a later collection of the same repository joins the same
-- identity. An identity loaded from a snapshot has no email, only these two columns; an identity
-- with an email gets them from the trigger below, so that both kinds compare alike.
ALTER TABLE identity ADD COLUMN email_domain text, ADD COLUMN email_sha256 text;

CREATE FUNCTION identity_email_pseudonym() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.email IS NOT NULL THEN
        NEW.email_domain := nullif(lower(substring(NEW.email from '@([^@]*)$')), '');
        NEW.email_sha256 := encode(sha256(convert_to(lower(NEW.email), 'UTF8')), 'hex');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER identity_email_pseudonym BEFORE INSERT OR UPDATE OF email ON identity
    FOR EACH ROW EXECUTE FUNCTION identity_email_pseudonym();

UPDATE identity SET email = email WHERE email IS NOT NULL;

ALTER TABLE identity DROP CONSTRAINT identity_check;
ALTER TABLE identity ADD CONSTRAINT identity_something_observed
    CHECK (email IS NOT NULL OR email_sha256 IS NOT NULL OR username IS NOT NULL OR name IS NOT NULL);
CREATE INDEX identity_email_sha256 ON identity (email_sha256);

-- The natural key compares the address by its hash, so that an identity loaded from a snapshot and
-- the same name and address met by a later collection are one identity (the collector's
-- ON CONFLICT names these expressions; the trigger above fills the hash before the check).
DROP INDEX identity_natural;
CREATE UNIQUE INDEX identity_natural ON identity (coalesce(name, ''), coalesce(email_sha256, ''), coalesce(platform, ''), coalesce(lower(username), ''));
