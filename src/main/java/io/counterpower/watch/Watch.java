package io.counterpower.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A watch: a project, or every project an organisation stewards, followed for a list of
 * conditions, whose changes are sent to {@code url} signed with the watch's secret. Not a fact:
 * it is edited in place, and deleting it only marks it deleted (its delivery log stays).
 */
@Entity
@Table(name = "watch")
class Watch extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "organisation_id")
    public Long organisationId;

    @Column(name = "owner_organisation_id")
    public Long ownerOrganisationId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Map<String, Object>> conditions;

    @Column(nullable = false)
    public String url;

    /**
     * Whether every delivery must reach a public host (checked again at each delivery): true when
     * the URL was set by a steward key, an outside party; false when by a curator or admin key.
     */
    @Column(name = "public_receiver_only", nullable = false)
    public boolean publicReceiverOnly;

    @Column(name = "secret_ciphertext", nullable = false)
    public String secretCiphertext;

    @Column(nullable = false)
    public boolean active;

    /** The methodology version the watch evaluates with: the default when it was created, or the one its owner chose. */
    @Column(name = "methodology_version", nullable = false)
    public int methodologyVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
