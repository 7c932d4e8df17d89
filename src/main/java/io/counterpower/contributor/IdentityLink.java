package io.counterpower.contributor;

import io.counterpower.common.fact.VersionedFact;
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
    @Column(name = "contributor_id", nullable = false)
    public Long contributorId;

    /** Bots are excluded from every indicator (METHODOLOGY.md section 2). */
    @Column(name = "is_bot", nullable = false)
    public boolean bot;

    @Column(name = "bot_reason")
    public String botReason;
}
