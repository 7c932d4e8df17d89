package io.counterpower.indicator;

/** SQL fragments shared by the indicator statements (the versioning and period rules of the fact model). */
final class Sql {
    private Sql() {
    }

    /** The version of a fact row that was current at :asof ("as recorded on"). */
    static String visible(String alias) {
        return "(" + alias + ".recorded_at <= :asof and (" + alias + ".superseded_at is null or " + alias + ".superseded_at > :asof))";
    }

    /** A closed period (valid_from..valid_to, NULL open) that covers a day expression. */
    static String covers(String alias, String day) {
        return "((" + alias + ".valid_from is null or " + alias + ".valid_from <= " + day + ") and ("
                + alias + ".valid_to is null or " + alias + ".valid_to >= " + day + "))";
    }

    /**
     * CTEs {@code rollup} and {@code tops(org, day, top)}: each (organisation, day) of {@code source}
     * (a query with columns org and day) with its top-level parent on that day, following parent
     * periods recursively (at most 10 levels, so that a cycle recorded by mistake cannot loop).
     * Needs WITH RECURSIVE.
     */
    static String rollup(String source) {
        return """
                rollup as (
                    select s.org, s.day, s.org as top, 0 as depth from (select distinct org, day from (%s) x where org is not null) s
                    union all
                    select r.org, r.day, p.parent_id, r.depth + 1
                    from rollup r
                    join organisation_parent p on p.organisation_id = r.top and %s and %s
                    where r.depth < 10
                ),
                tops as (select distinct on (org, day) org, day, top from rollup order by org, day, depth desc)"""
                .formatted(source, covers("p", "r.day"), visible("p"));
    }

    /**
     * True when a record dated {@code start} with a month or year precision has its interval cut by
     * the window's lower edge (:lo_day) or its end (:day): it may belong on the other side.
     */
    static String uncertain(String start, String precision) {
        String end = "(case " + precision + " when 'month' then cast(" + start + " + interval '1 month' - interval '1 day' as date)"
                + " when 'year' then cast(" + start + " + interval '1 year' - interval '1 day' as date) else " + start + " end)";
        return "((" + start + " <= :lo_day and " + end + " > :lo_day) or (" + start + " <= :day and " + end + " > :day))";
    }
}
