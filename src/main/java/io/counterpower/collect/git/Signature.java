package io.counterpower.collect.git;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The author or committer line of a commit: the resolved identity, what the commit recorded, and
 * when, in the zone the person's clock was in (kept because working hours by zone are a signal of
 * where and for whom people work).
 *
 * @param identity        the identity after mailmap resolution and bot classification
 * @param recordedName    the name as written in the commit (leniently decoded)
 * @param recordedEmail   the email as written in the commit
 * @param at              the instant of the line
 * @param zoneOffset      the offset written with it ({@code UTC} when missing or out of range)
 * @param originalIdent   the bytes of {@code Name <email>} when they are not valid UTF-8,
 *                        otherwise null
 */
record Signature(
        GitIdentity identity,
        String recordedName,
        String recordedEmail,
        Instant at,
        ZoneOffset zoneOffset,
        OriginalBytes originalIdent) {
}
