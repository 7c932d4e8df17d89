package io.counterpower.indicator;

/** SQL fragments shared by the indicator statements (the versioning and period rules of the fact model). */
final class Sql {
    private Sql() {
    }

    /** The version of a fact row that was current at :asof ("as recorded on"). */
    static String visible(String alias) {
        return "(" + alias + ".recorded_at <= :asof and (" + alias + ".superseded_at is null or " + alias + ".superseded_at > :asof))";
    }
}
