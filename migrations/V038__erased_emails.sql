-- Issue 17: a person may ask to be forgotten. A curator's erasure replaces the contributor's names,
-- emails and logins by a pseudonym (their contributions keep counting), and keeps here only the
-- SHA-256 of each erased address (V028's identity.email_sha256), so that a later collection that
-- meets the address again maps it to the pseudonymous identity instead of bringing the data back.
CREATE TABLE erased_email (
    email_sha256   text        PRIMARY KEY,
    contributor_id bigint      NOT NULL REFERENCES contributor (id),
    erased_at      timestamptz NOT NULL
);
