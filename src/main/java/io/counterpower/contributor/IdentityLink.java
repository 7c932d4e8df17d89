package io.counterpower.contributor;

import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionedRows;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * Which contributor an identity belongs to, and whether it is a bot, as recorded over time: merging
 * and unmerging contributors records new versions, so history stays. {@code id} is the identity's id.
 */
@Entity
@Table(name = "identity_link")
public class IdentityLink extends VersionedFact {
    /** The versions the collectors write in batches: which contributor an identity is, and whether a bot. */
    public static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("identity_link",
            VersionedRows.bigint("contributor_id"), VersionedRows.bool("is_bot"), VersionedRows.text("bot_reason"));

    @Column(name = "contributor_id", nullable = false)
    public Long contributorId;

    /** Bots are excluded from every indicator (METHODOLOGY.md section 2). */
    @Column(name = "is_bot", nullable = false)
    public boolean bot;

    @Column(name = "bot_reason")
    public String botReason;
}
