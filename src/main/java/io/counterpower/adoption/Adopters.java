package io.counterpower.adoption;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adopters as a kind of fact: an organisation uses a project. One current record per project and
 * organisation; the project's stewards and the adopting organisation itself may write it.
 */
@ApplicationScoped
class Adopters extends DescribedFactKind<Adopter, Adopters.Input, Adopters.View> {

    /** An adopter to record; {@code since} may be given to the day, the month or the year, or left out. */
    record Input(@Size(max = 80) String project,
                        @Size(max = 80) String organisation,
                        @Size(max = 10) String since,
                        @Size(max = 4000) String note,
                        @NotNull @Valid SourceInput source,
                        @Size(max = 2000) String reason) implements FactInput {
    }

    record View(long id, String project, String organisation, String since, String sincePrecision, String note,
                       FactSource source, VersionInfo version) implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;

    Adopters() {
        super("adopter", Adopter.class, Input.class, Map.of("since", "f.since", "recordedAt", "f.recordedAt", "id", "f.id"), "since");
    }

    @Override
    public Adopter build(Input in, FieldErrors errors) {
        Adopter a = new Adopter();
        a.projectId = projects.resolve(in.project(), "project", errors);
        String organisation = Texts.trimmedOrNull(in.organisation());
        if (organisation == null) {
            errors.add("organisation", "is required (the key of the organisation that uses the project)");
        } else {
            a.organisationId = organisations.resolve(organisation, "organisation", errors);
        }
        // Adopter lists rarely say since when: an undated adoption is recorded as such, not given a made-up date.
        a.datePrecision = "day";
        if (Texts.trimmedOrNull(in.since()) != null) {
            PartialDate since = PartialDate.parse(in.since(), "since", errors);
            if (since != null) {
                a.since = since.day();
                a.datePrecision = since.precision();
            }
        }
        a.note = Texts.trimmedOrNull(in.note());
        BodyFields.maxLength(a.note, 4000, "note", errors);
        return a;
    }

    @Override
    public View view(Adopter a) {
        return new View(a.id, projects.slugOf(a.projectId), organisations.keyOf(a.organisationId),
                PartialDate.format(a.since, a.datePrecision), a.since == null ? null : a.datePrecision, a.note,
                FactSource.of(a), VersionInfo.of(a));
    }

    @Override
    public Input input(Adopter a) {
        return new Input(projects.slugOf(a.projectId), organisations.keyOf(a.organisationId),
                PartialDate.format(a.since, a.datePrecision), a.note,
                new SourceInput(a.sourceKind, a.sourceUrl, a.sourceNote, a.sourceQuote, a.confidence), null);
    }

    @Override
    public String dataScope(Adopter a) {
        return ChangeLog.projectScope(a.projectId);
    }

    /** The project's stewards on the day of adoption (today when undated), and the adopter itself ("we use X"). */
    @Override
    public List<String> stewards(Adopter a) {
        List<String> keys = new ArrayList<>();
        if (a.projectId != null) {
            keys.addAll(projects.stewardKeysOn(a.projectId, a.since == null ? BodyFields.today() : a.since));
        }
        if (a.organisationId != null) {
            keys.add(organisations.keyOf(a.organisationId));
        }
        return keys;
    }

    /** The filters of an adopter list, in the order their faults are reported. */
    record Filters(String organisation, String project, LocalDate from, LocalDate to) {
        static Filters of(FactFilters p) {
            return new Filters(p.organisation(), p.project(), p.from(), p.to());
        }
    }

    @Override
    public FactFilter<Adopter> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> query.and("f.projectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.organisationId = :organisation", "organisation",
                        f.organisation() == null ? null : organisations.currentId(f.organisation()).orElse(-1L))
                .and("f.since >= :from", "from", f.from())
                .and("f.since <= :to", "to", f.to());
    }

    @Override
    public String naturalKey(Adopter a) {
        return a.projectId + "|" + a.organisationId;
    }

    @Override
    public void checkUnique(Adopter a, Long self) {
        List<Adopter> same = Adopter.list("projectId = ?1 and organisationId = ?2 and supersededAt is null",
                a.projectId, a.organisationId);
        for (Adopter other : same) {
            if (!other.id.equals(self)) {
                throw ApiProblem.conflict("organisation", "adopter " + other.id + " already records that '"
                        + organisations.keyOf(a.organisationId) + "' uses '" + projects.slugOf(a.projectId)
                        + "'; edit that record (PUT " + AdopterResource.PATH + "/" + other.id + ") instead");
            }
        }
    }
}
