package io.counterpower.indicator;

/** SQL fragments shared by the indicator statements (the versioning and period rules of the fact model). */
final class Sql {
    private Sql() {
    }

    /** The version of a fact row that was current at :asof ("as recorded on"): the rule of migration V063. */
    static String visible(String alias) {
        return "visible_at(" + alias + ".recorded_at, " + alias + ".superseded_at, :asof)";
    }
}
