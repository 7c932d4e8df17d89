package io.counterpower.governance;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.Duplicates;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.contributor.ContributorService;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Seats on governing bodies as a kind of fact: held by a contributor or by an organisation. */
@ApplicationScoped
class GovernanceSeats extends DescribedFactKind<GovernanceSeat, GovernanceSeats.Input, GovernanceSeats.View> {

    /** A seat to record: give holderContributor (an id) or holderOrganisation (a key), not both. */
    record Input(Long body, Long holderContributor, @Size(max = 80) String holderOrganisation,
                        @Size(max = 100) String role, LocalDate from, LocalDate to, @Size(max = 200) String evidenceRef,
                        @NotNull @Valid SourceInput source, @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, long body, String project, String bodyKind, Long holderContributor,
                       String holderOrganisation, String role, LocalDate from, LocalDate to, String evidenceRef,
                       FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    GovernanceBodies bodies;
    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;
    @Inject
    ContributorService contributors;

    GovernanceSeats() {
        super("governance-seat", GovernanceSeat.class, Input.class,
                Map.of("id", "f.id", "from", "f.validFrom", "to", "f.validTo", "role", "f.role", "recordedAt", "f.recordedAt"), "id");
    }

    @Override
    public GovernanceSeat build(Input in, FieldErrors errors) {
        GovernanceSeat s = new GovernanceSeat();
        if (in.body() == null || bodies.current(in.body()).isEmpty()) {
            errors.add("body", in.body() == null ? "is required (a governance body id)" : "no governance body " + in.body() + " is recorded");
        }
        s.bodyId = in.body();
        boolean person = in.holderContributor() != null;
        boolean organisation = in.holderOrganisation() != null && !in.holderOrganisation().isBlank();
        if (person == organisation) {
            errors.add(person ? "holderOrganisation" : "holderContributor", "give either holderContributor or holderOrganisation");
        }
        if (person && !contributors.exists(in.holderContributor())) {
            errors.add("holderContributor", "no contributor " + in.holderContributor() + " is recorded");
        }
        s.holderContributorId = in.holderContributor();
        s.holderOrganisationId = organisation ? organisations.resolve(in.holderOrganisation().trim(), "holderOrganisation", errors) : null;
        s.role = in.role() == null || in.role().isBlank() ? "member" : in.role().trim();
        Periods.validate(in.from(), in.to(), errors);
        s.validFrom = in.from();
        s.validTo = in.to();
        s.evidenceRef = Texts.trimmedOrNull(in.evidenceRef());
        return s;
    }

    @Override
    public View view(GovernanceSeat s) {
        GovernanceBody body = bodies.latest(s.bodyId).orElse(null);
        return new View(s.id, s.bodyId, body == null ? null : projects.slugOf(body.projectId), body == null ? null : body.kind,
                s.holderContributorId, s.holderOrganisationId == null ? null : organisations.keyOf(s.holderOrganisationId),
                s.role, s.validFrom, s.validTo, s.evidenceRef, FactSource.of(s), VersionInfo.of(s));
    }

    @Override
    public Input input(GovernanceSeat s) {
        return new Input(s.bodyId, s.holderContributorId,
                s.holderOrganisationId == null ? null : organisations.keyOf(s.holderOrganisationId),
                s.role, s.validFrom, s.validTo, s.evidenceRef, sourceOf(s), null);
    }

    @Override
    public String dataScope(GovernanceSeat s) {
        return bodies.latest(s.bodyId).map(b -> ChangeLog.projectScope(b.projectId)).orElse(ChangeLog.GLOBAL);
    }

    @Override
    public List<String> stewards(GovernanceSeat s) {
        LocalDate day = s.validFrom == null ? LocalDate.now(ZoneOffset.UTC) : s.validFrom;
        return bodies.current(s.bodyId).map(b -> projects.stewardKeysOn(b.projectId, day)).orElse(List.of());
    }

    /** The filters of a seat list: a body's id, a holder's contributor id, then the day the seats are held on. */
    record Filters(Long body, Long contributor, String project, String organisation, LocalDate at) {
        static Filters of(FactFilters p) {
            return new Filters(p.body(), p.contributor(), p.project(), p.organisation(), p.at());
        }
    }

    @Override
    public FactFilter<GovernanceSeat> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> filter(query, f);
    }

    private void filter(ListQuery<GovernanceSeat> query, Filters f) {
        query.and("f.bodyId = :body", "body", f.body())
                .and("f.holderContributorId = :contributor", "contributor", f.contributor());
        if (f.project() != null) {
            query.and("f.bodyId in (select b.id from GovernanceBody b where b.projectId = :project and b.supersededAt is null)")
                    .param("project", projects.idOrNull(f.project()));
        }
        if (f.organisation() != null) {
            query.and("f.holderOrganisationId = :org").param("org", organisations.currentId(f.organisation()).orElse(-1L));
        }
        query.and("(f.validFrom is null or f.validFrom <= :at) and (f.validTo is null or f.validTo >= :at)", "at", f.at());
    }

    @Override
    public String naturalKey(GovernanceSeat s) {
        return s.bodyId + "|" + s.holderContributorId + "|" + s.holderOrganisationId + "|" + s.role + "|" + s.validFrom;
    }

    @Override
    public void checkUnique(GovernanceSeat s, Long self) {
        Duplicates.refuse(GovernanceSeat.class, "f.bodyId = ?1 and coalesce(f.holderContributorId, -1) = ?2"
                        + " and coalesce(f.holderOrganisationId, -1) = ?3 and f.role = ?4"
                        + " and coalesce(f.validFrom, cast('0001-01-01' as date)) = ?5",
                self, "from", "This seat", GovernanceSeatResource.PATH, s.bodyId,
                s.holderContributorId == null ? -1L : s.holderContributorId,
                s.holderOrganisationId == null ? -1L : s.holderOrganisationId, s.role,
                s.validFrom == null ? java.time.LocalDate.of(1, 1, 1) : s.validFrom);
    }
}
