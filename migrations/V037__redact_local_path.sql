-- Issue 17: where a curator's collection read a repository on the service's disk is not public.
-- The SQL twin of LocalPathRedaction.url (common/text): a local path or file: URL becomes
-- '…/<its last segment>'; an http(s) URL and NULL stay as they are. Snapshots (public) write
-- source URLs and repository locations through it.
CREATE FUNCTION redact_local_path(url text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
               WHEN url IS NULL OR url ~* '^https?://' THEN url
               WHEN url ~* '^(file:)?/' THEN '…/' || substring(rtrim(url, '/') FROM '[^/]*$')
               ELSE url
           END
$$;
