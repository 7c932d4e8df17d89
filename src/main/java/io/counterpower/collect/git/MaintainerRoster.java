package io.counterpower.collect.git;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the successive holder lists of CODEOWNERS and MAINTAINERS files into seats with from and to. */
final class MaintainerRoster {

    private final Map<String, MaintainerSeat> open = new LinkedHashMap<>();
    private final List<MaintainerSeat> ended = new ArrayList<>();
    private final Map<String, StatedAffiliation> openStatements = new LinkedHashMap<>();
    private final List<StatedAffiliation> endedStatements = new ArrayList<>();

    /** Holders listed at an incremental read's boundary: seats whose start the caller already has. */
    void startFrom(MaintainerSeat.Source source, List<SeatHolder> holders) {
        for (SeatHolder holder : holders) {
            open.putIfAbsent(key(source, holder), new MaintainerSeat(source, holder, null, null, null, null));
            SeatHolder.Affiliation stated = holder.affiliation();
            if (stated != null) {
                openStatements.putIfAbsent(key(source, holder), new StatedAffiliation(holder, stated.organisation(),
                        stated.row(), stated.path(), null, null, null, null));
            }
        }
    }

    /** The holders {@code source} files list as of {@code commitSha}. */
    void update(MaintainerSeat.Source source, List<SeatHolder> holders, String commitSha, Instant at) {
        Set<String> listed = new HashSet<>();
        for (SeatHolder holder : holders) {
            listed.add(key(source, holder));
        }
        for (Iterator<Map.Entry<String, MaintainerSeat>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, MaintainerSeat> entry = it.next();
            MaintainerSeat seat = entry.getValue();
            if (seat.source() == source && !listed.contains(entry.getKey())) {
                ended.add(new MaintainerSeat(source, seat.holder(), seat.fromCommitSha(), seat.from(), commitSha, at));
                it.remove();
            }
        }
        for (SeatHolder holder : holders) {
            open.putIfAbsent(key(source, holder), new MaintainerSeat(source, holder, commitSha, at, null, null));
        }
        statements(source, holders, commitSha, at);
    }

    /**
     * Follows the affiliations the files state: a statement ends when the holder is no longer listed,
     * is listed without one, or is listed with another organisation (which starts a new statement).
     * A changed row or path with the same organisation is the same statement.
     */
    private void statements(MaintainerSeat.Source source, List<SeatHolder> holders, String commitSha, Instant at) {
        Map<String, SeatHolder> stating = new LinkedHashMap<>();
        for (SeatHolder holder : holders) {
            if (holder.affiliation() != null) {
                stating.put(key(source, holder), holder);
            }
        }
        for (Iterator<Map.Entry<String, StatedAffiliation>> it = openStatements.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, StatedAffiliation> entry = it.next();
            if (!entry.getKey().startsWith(source + "|")) {
                continue;
            }
            StatedAffiliation statement = entry.getValue();
            SeatHolder now = stating.get(entry.getKey());
            if (now == null || !now.affiliation().organisation().equalsIgnoreCase(statement.organisation())) {
                endedStatements.add(new StatedAffiliation(statement.holder(), statement.organisation(), statement.row(),
                        statement.path(), statement.fromCommitSha(), statement.from(), commitSha, at));
                it.remove();
            }
        }
        stating.forEach((key, holder) -> openStatements.putIfAbsent(key, new StatedAffiliation(holder,
                holder.affiliation().organisation(), holder.affiliation().row(), holder.affiliation().path(), commitSha, at,
                null, null)));
    }

    /** Ended and open stated affiliations, by start (boundary ones first), then holder. */
    List<StatedAffiliation> statedAffiliations() {
        List<StatedAffiliation> all = new ArrayList<>(endedStatements);
        all.addAll(openStatements.values());
        all.sort(Comparator.comparing(StatedAffiliation::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(statement -> statement.holder().key()));
        return all;
    }

    /** Ended and open seats, by start (boundary seats first), then source and holder. */
    List<MaintainerSeat> seats() {
        List<MaintainerSeat> all = new ArrayList<>(ended);
        all.addAll(open.values());
        all.sort(Comparator.comparing(MaintainerSeat::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(MaintainerSeat::source)
                .thenComparing(seat -> seat.holder().key()));
        return all;
    }

    private static String key(MaintainerSeat.Source source, SeatHolder holder) {
        return source + "|" + holder.key();
    }
}
