package io.counterpower.contributor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An observed identity: a git name and email, or a platform username. It never changes; which
 * contributor it belongs to is the versioned {@link IdentityLink}.
 */
@Entity
@Table(name = "identity")
class Identity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String email;

    /** github | huggingface | gitlab, with {@link #username}. */
    public String platform;

    public String username;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
