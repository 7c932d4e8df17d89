-- Issue #22: the visibility rule of the fact model ("as recorded on"), written once. A versioned fact
-- row is the version current at the recorded instant T when it was recorded by T and not yet
-- superseded at T. Every statement that reads the facts as recorded on an instant calls this function
-- (methodology v2's statements, indicator/Sql, query/RiskRows; methodology v1's statements are frozen
-- and keep their own copy of the same text).
--
-- A single-expression SQL function that is neither strict nor volatile is inlined by the planner: the
-- call becomes the expression below before planning, so index conditions and plans are those of the
-- text written out (docs/engineering.md, "Each rule written once in SQL", shows the EXPLAIN).
-- The current recording is the version with superseded_at IS NULL, which equals
-- visible_at(recorded_at, superseded_at, 'infinity') for every row (recorded_at is finite).
CREATE FUNCTION visible_at(recorded timestamptz, superseded timestamptz, at timestamptz) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT recorded <= at AND (superseded IS NULL OR superseded > at)
$$;
