-- Errata (issue #19, METHODOLOGY.md section 8): the errata feed links each correction to the projects
-- whose figures it can change: directly (a fact of the project), or through an organisation, an
-- affiliation or an identity: the projects where that organisation or person contributed, holds or
-- held seats, funds or is funded, is or was the steward, holds the trademark, adopts or publishes a
-- derivative, or where an organisation below it (a subsidiary, in any period) does. "Can change" is
-- read widely: every recorded version of a fact counts (a correction may move a period), so a project
-- may be listed whose figures the correction happened not to move, never the other way round.

-- The organisations below the given ones (themselves included), over every recorded parent period:
-- a parent's correction reaches the projects of its subsidiaries (top_org rolls them up).
CREATE FUNCTION errata_organisation_tree(org_ids bigint[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE tree(id) AS (
        SELECT unnest(org_ids)
        UNION
        SELECT p.organisation_id FROM organisation_parent p JOIN tree t ON p.parent_id = t.id
    )
    SELECT coalesce(array_agg(DISTINCT id), '{}') FROM tree WHERE id IS NOT NULL
$$;

-- The projects a person's facts reach: where any of their identities (in any recorded link)
-- contributed, and the bodies where they hold or held a seat.
CREATE FUNCTION errata_contributor_projects(contributor_ids bigint[]) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT slug ORDER BY slug), '{}') FROM (
        SELECT p.slug FROM identity_link l
        JOIN contribution c ON c.identity_id = l.id
        JOIN project p ON p.id = c.project_id
        WHERE l.contributor_id = ANY (contributor_ids)
        UNION
        SELECT p.slug FROM governance_seat s
        JOIN governance_body b ON b.id = s.body_id
        JOIN project p ON p.id = b.project_id
        WHERE s.holder_contributor_id = ANY (contributor_ids)
    ) found
$$;

-- The projects an organisation's facts reach (its subsidiaries' included), and those whose work comes
-- from the given email domains (an organisation's domains attribute the work of those addresses).
CREATE FUNCTION errata_organisation_projects(org_ids bigint[], domains text[]) RETURNS text[] LANGUAGE sql STABLE AS $$
    WITH orgs AS (SELECT unnest(errata_organisation_tree(org_ids)) AS id),
    people AS (SELECT DISTINCT a.contributor_id AS id FROM affiliation a WHERE a.organisation_id IN (SELECT id FROM orgs)),
    found AS (
        SELECT project_id FROM contribution_attribution
        WHERE organisation_id IN (SELECT id FROM orgs) OR top_organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT c.project_id FROM identity i JOIN contribution c ON c.identity_id = i.id
        WHERE cardinality(domains) > 0 AND i.email_domain IS NOT NULL
          AND EXISTS (SELECT 1 FROM unnest(domains) d
                      WHERE i.email_domain = lower(d) OR i.email_domain LIKE '%.' || lower(d))
        UNION
        SELECT s.project_id FROM project_steward s WHERE s.organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT b.project_id FROM governance_seat s JOIN governance_body b ON b.id = s.body_id
        WHERE s.holder_organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT e.project_id FROM governance_event e
        WHERE e.from_organisation_id IN (SELECT id FROM orgs) OR e.to_organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT f.recipient_project_id FROM funding_event f
        WHERE f.recipient_project_id IS NOT NULL
          AND (f.funder_organisation_id IN (SELECT id FROM orgs) OR f.recipient_organisation_id IN (SELECT id FROM orgs))
        UNION
        SELECT s.project_id FROM funding_event f JOIN project_steward s ON s.organisation_id = f.recipient_organisation_id
        WHERE f.funder_organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT a.project_id FROM adopter a WHERE a.organisation_id IN (SELECT id FROM orgs)
        UNION
        SELECT d.project_id FROM derivative d WHERE d.publisher_organisation_id IN (SELECT id FROM orgs)
    )
    SELECT coalesce(array_agg(DISTINCT p.slug ORDER BY p.slug), '{}') || errata_contributor_projects(
               coalesce((SELECT array_agg(id) FROM people), '{}'))
    FROM found JOIN project p ON p.id = found.project_id
$$;

CREATE FUNCTION errata_organisation_ids(keys text[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(o.id), '{}') FROM organisation o WHERE o.key = ANY (keys)
$$;

-- The text values of the given fields of the two versions of a fact (nulls left out).
CREATE FUNCTION errata_fields(before jsonb, after jsonb, VARIADIC names text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(DISTINCT v), '{}') FROM (
        SELECT j ->> n AS v FROM unnest(array[before, after]) j, unnest(names) n WHERE j IS NOT NULL
    ) x WHERE v IS NOT NULL AND v <> ''
$$;

-- The projects one audit row (a correction) can change, sorted, without duplicates.
CREATE FUNCTION errata_affected_projects(entity_type text, entity_id text, before jsonb, after jsonb)
    RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    found text[];
BEGIN
    CASE entity_type
    WHEN 'project' THEN
        found := array[entity_id];
    WHEN 'project-steward' THEN
        found := array(SELECT p.slug FROM project_steward s JOIN project p ON p.id = s.project_id
                       WHERE s.id = cast(entity_id AS bigint));
    WHEN 'project-repository' THEN
        found := array(SELECT p.slug FROM project_repository r JOIN project p ON p.id = r.project_id
                       WHERE r.id = cast(entity_id AS bigint));
    WHEN 'organisation' THEN
        found := errata_organisation_projects(errata_organisation_ids(array[entity_id]),
                     array(SELECT jsonb_array_elements_text(j -> 'domains') FROM unnest(array[before, after]) j
                           WHERE j IS NOT NULL AND jsonb_typeof(j -> 'domains') = 'array'));
    WHEN 'organisation-parent' THEN
        -- A parent period changes the top organisation of the subsidiary's work (and of its own subsidiaries').
        found := errata_organisation_projects(errata_organisation_ids(errata_fields(before, after, 'organisation')), '{}');
    WHEN 'affiliation' THEN
        found := errata_contributor_projects(array(SELECT cast(v AS bigint) FROM unnest(errata_fields(before, after, 'contributor')) v));
    WHEN 'contributor' THEN
        found := errata_contributor_projects(array[cast(entity_id AS bigint)]
                     || array(SELECT cast(v AS bigint) FROM unnest(errata_fields(before, after, 'into', 'from')) v));
    WHEN 'identity-link' THEN
        found := array(SELECT p.slug FROM contribution c JOIN project p ON p.id = c.project_id
                       WHERE c.identity_id = cast(entity_id AS bigint))
                 || errata_contributor_projects(array(SELECT cast(v AS bigint) FROM unnest(errata_fields(before, after, 'contributor')) v));
    WHEN 'funding-event' THEN
        found := errata_fields(before, after, 'recipientProject')
                 || array(SELECT p.slug FROM project_steward s JOIN project p ON p.id = s.project_id
                          WHERE s.organisation_id = ANY (errata_organisation_ids(errata_fields(before, after, 'recipientOrganisation'))));
    WHEN 'methodology' THEN
        found := '{}';
    ELSE
        found := errata_fields(before, after, 'project', 'derivedProject');
    END CASE;
    RETURN coalesce(array(SELECT DISTINCT x FROM unnest(found) x WHERE x IS NOT NULL ORDER BY x), '{}');
END $$;

-- Version 2 of the methodology becomes the default (METHODOLOGY.md section 8): announced in the errata
-- feed on the date it was published (methodology/v2.json "published"), with its reason. It corrects no
-- fact and bumps no data version, so no watch is evaluated for it; watches keep the version they were
-- created under (V033).
INSERT INTO audit_log (at, actor, action, entity_type, entity_id, before, after, reason)
VALUES ('2026-12-07T00:00:00Z', 'system:methodology', 'update', 'methodology', 'default',
        '{"defaultVersion": 1, "status": "frozen"}',
        '{"defaultVersion": 2, "status": "draft", "definition": "/api/v1/methodology/2", "previous": "/api/v1/methodology/1"}',
        'Methodology version 2 becomes the default (METHODOLOGY.md section 0): a stage and a capture risk are stated only on '
        || 'evidence from more than one family of signals (otherwise undetermined / null), capture is a state while a '
        || 'restrictive license is in force, copyleft is not counted as capture, funding is measured by money, and a window '
        || 'past the last collection is not collected. Figures pinned with methodology=1 keep answering as before; watches '
        || 'keep the version they were created under. Version 2 is a draft until the section 7 measures are built.');
