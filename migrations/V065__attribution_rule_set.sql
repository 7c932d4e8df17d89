-- Issue #22: the attribution rule's top-level-parent roll-up in a set-based form, so that v2's bodies (which
-- rolls up every distinct (organisation, day) pair of a step at once) calls the rule instead of writing it
-- out. v2's walkaway keeps its written-out roll-up: through this function it measured about 1.1 times
-- slower at 120 steps (the arrays' build and unnest per step; bench/RESULTS.md). top_organisations(organisations, on_days, as_of) is top_organisation_on (V064) for
-- many pairs: organisations[i] on on_days[i] (the arrays are read in parallel, unnest's rule), one row per
-- distinct pair with a non-null organisation; a pair absent from the result has a null organisation.
-- The roll-up is one recursive union over all the pairs (the parent periods covering each pair's day,
-- followed up to 10 levels, the deepest reached), joined once by the caller, instead of a lookup per row.
--
-- top_organisation_on keeps its own text: it is called per row by contribution, seats, adoption and
-- compost, where a lookup per row is the right plan (most organisations have no parent and skip the
-- recursion); the two are the same rule over the same columns, and RandomWalkawayInvariantsTest /
-- RandomCompostAndBodiesInvariantsTest / the golden tests check that the figures did not move.
--
-- language sql, stable, a single SELECT, not strict: inlined into the caller's LATERAL join, the
-- planner sees the recursive union as if written out.
CREATE FUNCTION top_organisations(organisations bigint[], on_days date[], as_of timestamptz)
    RETURNS TABLE (organisation_id bigint, on_day date, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH RECURSIVE up AS (
        SELECT s.org, s.day, s.org AS top, 0 AS depth
        FROM (SELECT DISTINCT u.org, u.day FROM unnest(organisations, on_days) AS u(org, day) WHERE u.org IS NOT NULL) s
        UNION ALL
        SELECT u.org, u.day, p.parent_id, u.depth + 1
        FROM up u
        JOIN organisation_parent p ON p.organisation_id = u.top
         AND (p.valid_from IS NULL OR p.valid_from <= u.day) AND (p.valid_to IS NULL OR p.valid_to >= u.day)
         AND visible_at(p.recorded_at, p.superseded_at, as_of)
        WHERE u.depth < 10)
    SELECT DISTINCT ON (up.org, up.day) up.org, up.day, up.top FROM up ORDER BY up.org, up.day, up.depth DESC
$$;
