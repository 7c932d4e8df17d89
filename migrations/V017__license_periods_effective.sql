-- License period semantics of METHODOLOGY.md version 2, sections 2, 3 and 5 (issue 18).

-- What a license text with parameters was filled in with, read by the catalog (BUSL-1.1: licensor,
-- licensedWork, additionalUseGrant, changeDate, changeLicense and convertsTo, the SPDX id of the change
-- license). NULL when the text has no parameters or the period was recorded by hand without them.
ALTER TABLE license_period ADD COLUMN detail jsonb;

-- The precedence of section 2 (manual > self-reported > import and reference data > collectors >
-- email-domain), as the generated affiliation.source_tier spells it, for tables that do not store it.
CREATE FUNCTION fact_source_tier(source_kind text) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE source_kind
                WHEN 'manual' THEN 1 WHEN 'self-reported' THEN 2
                WHEN 'import' THEN 3 WHEN 'reference-dataset' THEN 3
                WHEN 'email-domain' THEN 5 ELSE 4 END)::smallint
$$;

-- The license periods in force for every reader (indicators, /license-changes, charts, the ranking
-- snapshot, watches), as recorded at p_asof (NULL: as recorded now). A period lasts until the next
-- period of its artifact; a period of a higher source tier covers the dates it spans, whatever a lower
-- tier says about them (section 3, "License"): a period is dropped when a period of a higher tier of the
-- same artifact starts on or before its start. A curated BUSL-1.1 period from 2023-08-10 thus stays in
-- force through a git collection that finds the same or other texts after it, while the git periods
-- before the first curated one still count.
CREATE FUNCTION license_periods_effective(p_project bigint, p_asof timestamptz)
    RETURNS SETOF license_period
    LANGUAGE sql STABLE AS $$
    SELECT l.*
    FROM license_period l
    WHERE l.project_id = p_project
      AND l.recorded_at <= coalesce(p_asof, 'infinity')
      AND (l.superseded_at IS NULL OR l.superseded_at > coalesce(p_asof, 'infinity'))
      AND NOT EXISTS (
          SELECT 1 FROM license_period h
          WHERE h.project_id = l.project_id AND h.artifact = l.artifact
            AND h.valid_from <= l.valid_from
            AND fact_source_tier(h.source_kind) < fact_source_tier(l.source_kind)
            AND h.recorded_at <= coalesce(p_asof, 'infinity')
            AND (h.superseded_at IS NULL OR h.superseded_at > coalesce(p_asof, 'infinity')))
$$;
