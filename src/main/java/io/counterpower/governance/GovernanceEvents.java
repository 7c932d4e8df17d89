package io.counterpower.governance;

import io.counterpower.common.text.Texts;

import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.Duplicates;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Governance events as a kind of fact: what they hold, how they are checked, listed and keyed. */
@ApplicationScoped
public class GovernanceEvents extends DescribedFactKind<GovernanceEvent, GovernanceEvents.Input, GovernanceEvents.View> {
    public static final Set<String> KINDS = Set.of("foundation-transfer", "cla-introduced", "cla-relicensing", "trademark",
            "governance-doc-change", "fork", "steering-body-created");

    /** A governance event to record; dates may be given to the day, the month or the year. */
    record Input(@Size(max = 80) String project,
                        @Size(max = 40) String kind,
                        @Size(max = 10) String date,
                        @Size(max = 80) String fromOrganisation,
                        @Size(max = 80) String toOrganisation,
                        @Size(max = 4000) String note,
                        @Size(max = 200) String evidenceRef,
                        @NotNull @Valid SourceInput source,
                        @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String kind, String date, String datePrecision, String fromOrganisation,
                       String toOrganisation, String note, String evidenceRef, FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;

    GovernanceEvents() {
        super("governance-event", GovernanceEvent.class, Input.class,
                Map.of("date", "f.eventDate", "kind", "f.kind", "recordedAt", "f.recordedAt", "id", "f.id"), "date");
    }

    @Override
    public GovernanceEvent build(Input in, FieldErrors errors) {
        GovernanceEvent e = new GovernanceEvent();
        e.projectId = projects.resolve(in.project(), "project", errors);
        if (in.kind() == null || !KINDS.contains(in.kind())) {
            errors.add("kind", "must be one of " + new java.util.TreeSet<>(KINDS));
        }
        e.kind = in.kind();
        PartialDate date = PartialDate.parse(in.date(), "date", errors);
        if (date != null) {
            e.eventDate = date.day();
            e.datePrecision = date.precision();
        }
        e.fromOrganisationId = organisations.resolve(Texts.trimmedOrNull(in.fromOrganisation()), "fromOrganisation", errors);
        e.toOrganisationId = organisations.resolve(Texts.trimmedOrNull(in.toOrganisation()), "toOrganisation", errors);
        if (e.fromOrganisationId != null && e.fromOrganisationId.equals(e.toOrganisationId)) {
            errors.add("toOrganisation", "must differ from fromOrganisation");
        }
        e.note = in.note();
        e.evidenceRef = Texts.trimmedOrNull(in.evidenceRef());
        return e;
    }

    @Override
    public View view(GovernanceEvent e) {
        return new View(e.id, projects.slugOf(e.projectId), e.kind, PartialDate.format(e.eventDate, e.datePrecision),
                e.datePrecision, key(e.fromOrganisationId), key(e.toOrganisationId), e.note, e.evidenceRef,
                FactSource.of(e), VersionInfo.of(e));
    }

    @Override
    public Input input(GovernanceEvent e) {
        return new Input(projects.slugOf(e.projectId), e.kind, PartialDate.format(e.eventDate, e.datePrecision),
                key(e.fromOrganisationId), key(e.toOrganisationId), e.note, e.evidenceRef,
                sourceOf(e), null);
    }

    @Override
    public String dataScope(GovernanceEvent e) {
        return ChangeLog.projectScope(e.projectId);
    }

    @Override
    public List<String> stewards(GovernanceEvent e) {
        return e.projectId == null || e.eventDate == null ? List.of() : projects.stewardKeysOn(e.projectId, e.eventDate);
    }

    /** The filters of a governance event list, in the order their faults are reported. */
    record Filters(String project, String kind, LocalDate from, LocalDate to, String organisation) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), p.kind(KINDS), p.from(), p.to(), p.organisation());
        }
    }

    @Override
    public FactFilter<GovernanceEvent> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> filter(query, f);
    }

    private void filter(ListQuery<GovernanceEvent> query, Filters f) {
        query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.kind = :kind", "kind", f.kind())
                .and("f.eventDate >= :from", "from", f.from())
                .and("f.eventDate <= :to", "to", f.to());
        if (f.organisation() != null) {
            query.and("f.fromOrganisationId = :org or f.toOrganisationId = :org")
                    .param("org", organisations.currentId(f.organisation()).orElse(-1L));
        }
    }

    @Override
    public String naturalKey(GovernanceEvent e) {
        return e.projectId + "|" + e.kind + "|" + e.eventDate + "|" + e.fromOrganisationId + "|" + e.toOrganisationId;
    }

    private String key(Long organisationId) {
        return organisationId == null ? null : organisations.keyOf(organisationId);
    }

    @Override
    public void checkUnique(GovernanceEvent e, Long self) {
        Duplicates.refuse(GovernanceEvent.class, "f.projectId = ?1 and f.kind = ?2 and f.eventDate = ?3"
                        + " and coalesce(f.fromOrganisationId, -1) = ?4 and coalesce(f.toOrganisationId, -1) = ?5",
                self, "date", "This event", GovernanceEventResource.PATH, e.projectId, e.kind, e.eventDate,
                e.fromOrganisationId == null ? -1L : e.fromOrganisationId, e.toOrganisationId == null ? -1L : e.toOrganisationId);
    }
}
