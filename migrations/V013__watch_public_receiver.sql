-- Issue 17: a webhook delivery checks its receiver again, just before it connects (a name can
-- resolve to a public address when the watch is created and to 127.0.0.1 later). Whether the
-- receiver must be a public host is decided by the key that last set the URL: an outside party's
-- (steward) must; a curator's or admin's (operators) need not. Kept on the row, because the
-- delivery worker has no caller.
ALTER TABLE watch ADD COLUMN public_receiver_only boolean NOT NULL DEFAULT true;
UPDATE watch w SET public_receiver_only = false
WHERE w.created_by IS NULL
   OR EXISTS (SELECT 1 FROM api_key k WHERE k.id = w.created_by AND k.scopes && ARRAY['admin', 'curator']::text[]);
