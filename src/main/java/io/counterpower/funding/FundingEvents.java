package io.counterpower.funding;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.DescribedFactKind;
import io.counterpower.common.fact.FactInput;
import io.counterpower.common.fact.Duplicates;
import io.counterpower.common.fact.FactFilter;
import io.counterpower.common.fact.FactFilters;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactView;
import io.counterpower.common.fact.PartialDate;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Funding events as a kind of fact, with their amounts converted to USD by the shipped rate table. */
@ApplicationScoped
public class FundingEvents extends DescribedFactKind<FundingEvent, FundingEvents.Input, FundingEvents.View> {
    static final Set<String> TYPES = Set.of("investment", "grant", "donation", "sponsorship", "membership", "compute");
    static final Set<String> PERIODIC = Set.of("membership", "sponsorship");
    /** The export-only CSV columns, named as the JSON view's fields (nested ones dotted). */
    static final List<String> EXPORT_ONLY = List.of("amountUsd", "usdRate.usdPerUnit", "usdRate.year");
    static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000"); // 10^15: beyond any recorded round

    /** A funding event to record: a recipient project or organisation (one of them), a funder, a type and a date. */
    record Input(@Size(max = 80) String recipientProject, @Size(max = 80) String recipientOrganisation,
                        @Size(max = 80) String funder, @Size(max = 20) String type,
                        BigDecimal amount, @Size(max = 3) String currency, @Size(max = 10) String amountScope,
                        BigDecimal reportedAmount, @Size(max = 3) String reportedCurrency,
                        @Size(max = 10) String date, LocalDate periodFrom, LocalDate periodTo, @Size(max = 4000) String note,
                        @NotNull @Valid SourceInput source, @Size(max = 2000) String reason) implements FactInput {
    }

    /** The conversion used for {@code amountUsd}: the year of the rate may differ from the event's when none is known for it. */
    record UsdRate(String currency, int year, BigDecimal usdPerUnit, String source) {
    }

    public record View(long id, String recipientProject, String recipientOrganisation, String funder, String type,
                       BigDecimal amount, String currency, String amountScope, BigDecimal amountUsd, UsdRate usdRate,
                       BigDecimal reportedAmount, String reportedCurrency, String date, String datePrecision,
                       LocalDate periodFrom, LocalDate periodTo, String note, FactSource source, VersionInfo version)
            implements FactView {
    }

    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;
    @Inject
    CurrencyRates rates;

    FundingEvents() {
        super("funding-event", FundingEvent.class, Input.class,
                Map.of("date", "f.eventDate", "amount", "f.amount", "type", "f.type", "recordedAt", "f.recordedAt", "id", "f.id"), "date");
    }

    @Override
    public FundingEvent build(Input in, FieldErrors errors) {
        FundingEvent f = new FundingEvent();
        boolean toProject = Texts.trimmedOrNull(in.recipientProject()) != null;
        boolean toOrganisation = Texts.trimmedOrNull(in.recipientOrganisation()) != null;
        if (toProject == toOrganisation) {
            errors.add(toProject ? "recipientOrganisation" : "recipientProject", "give either recipientProject or recipientOrganisation");
        }
        f.recipientProjectId = toProject ? projects.resolve(in.recipientProject().trim(), "recipientProject", errors) : null;
        f.recipientOrganisationId = toOrganisation ? organisations.resolve(in.recipientOrganisation().trim(), "recipientOrganisation", errors) : null;
        if (Texts.trimmedOrNull(in.funder()) == null) {
            errors.add("funder", "is required (an organisation key)");
        } else {
            f.funderOrganisationId = organisations.resolve(in.funder().trim(), "funder", errors);
        }
        if (in.type() == null || !TYPES.contains(in.type())) {
            errors.add("type", "must be one of " + new java.util.TreeSet<>(TYPES));
        }
        f.type = in.type();
        f.amount = amount(in.amount(), "amount", errors);
        f.currency = currency(in.currency(), "currency", errors);
        errors.check(f.amount == null || f.currency != null, "currency", "is required with an amount");
        if (in.amountScope() != null && !Set.of("funder", "round").contains(in.amountScope())) {
            errors.add("amountScope", "must be funder (this funder's own amount) or round (a whole round the funder led)");
        }
        errors.check(in.amountScope() == null || f.amount != null, "amountScope", "needs an amount");
        f.amountScope = in.amountScope();
        f.reportedAmount = amount(in.reportedAmount(), "reportedAmount", errors);
        f.reportedCurrency = currency(in.reportedCurrency(), "reportedCurrency", errors);
        errors.check(f.reportedAmount == null || f.reportedCurrency != null, "reportedCurrency", "is required with a reported amount");
        PartialDate date = PartialDate.parse(in.date(), "date", errors);
        if (date != null) {
            f.eventDate = date.day();
            f.datePrecision = date.precision();
        }
        boolean periodic = in.type() != null && PERIODIC.contains(in.type());
        errors.check(periodic || in.periodFrom() == null && in.periodTo() == null, "periodFrom",
                "a period is recorded for memberships and sponsorships only");
        if (in.periodTo() != null && in.periodFrom() != null && in.periodTo().isBefore(in.periodFrom())) {
            errors.add("periodTo", "must be on or after periodFrom (" + in.periodFrom() + ")");
        }
        f.periodFrom = in.periodFrom();
        f.periodTo = in.periodTo();
        f.note = in.note();
        return f;
    }

    @Override
    public View view(FundingEvent f) {
        int year = f.eventDate.getYear();
        UsdRate rate = f.currency == null || f.amount == null ? null : rates.rate(f.currency, year)
                .map(r -> new UsdRate(r.currency(), r.year(), r.usdPerUnit(), r.source())).orElse(null);
        return new View(f.id, slug(f.recipientProjectId), key(f.recipientOrganisationId), key(f.funderOrganisationId), f.type,
                f.amount, f.currency, f.amountScope, rates.toUsd(f.amount, f.currency, year).orElse(null), rate,
                f.reportedAmount, f.reportedCurrency, PartialDate.format(f.eventDate, f.datePrecision), f.datePrecision,
                f.periodFrom, f.periodTo, f.note, FactSource.of(f), VersionInfo.of(f));
    }

    @Override
    public Input input(FundingEvent f) {
        return new Input(slug(f.recipientProjectId), key(f.recipientOrganisationId), key(f.funderOrganisationId), f.type,
                f.amount, f.currency, f.amountScope, f.reportedAmount, f.reportedCurrency,
                PartialDate.format(f.eventDate, f.datePrecision), f.periodFrom, f.periodTo, f.note, sourceOf(f), null);
    }

    /**
     * The USD conversion, as the JSON view gives it ({@code amountUsd}, {@code usdRate}): derived
     * from the amount, the currency and the event's year, so the import ignores these columns.
     */
    @Override
    public List<String> exportOnlyColumns() {
        return EXPORT_ONLY;
    }

    @Override
    public Map<String, Object> exportOnlyValues(Input row) {
        Map<String, Object> values = new java.util.HashMap<>();
        // An exported date is PartialDate.format's: it starts with the four-digit year.
        if (row.amount() == null || row.currency() == null || row.date() == null || row.date().length() < 4) {
            return values;
        }
        int year = Integer.parseInt(row.date().substring(0, 4));
        rates.toUsd(row.amount(), row.currency(), year).ifPresent(usd -> values.put("amountUsd", usd));
        rates.rate(row.currency(), year).ifPresent(rate -> {
            values.put("usdRate.usdPerUnit", rate.usdPerUnit());
            values.put("usdRate.year", rate.year());
        });
        return values;
    }

    @Override
    public String dataScope(FundingEvent f) {
        return f.recipientProjectId == null ? ChangeLog.GLOBAL : ChangeLog.projectScope(f.recipientProjectId);
    }

    /** The funder and the recipient organisation may self-report; so may the recipient project's steward. */
    @Override
    public List<String> stewards(FundingEvent f) {
        List<String> keys = new ArrayList<>();
        if (f.funderOrganisationId != null) {
            keys.add(key(f.funderOrganisationId));
        }
        if (f.recipientOrganisationId != null) {
            keys.add(key(f.recipientOrganisationId));
        }
        if (f.recipientProjectId != null && f.eventDate != null) {
            keys.addAll(projects.stewardKeysOn(f.recipientProjectId, f.eventDate));
        }
        return keys;
    }

    /** The filters of a funding event list, in the order their faults are reported. */
    record Filters(String project, String type, LocalDate from, LocalDate to, String organisation, String funder) {
        static Filters of(FactFilters p) {
            return new Filters(p.project(), p.type(TYPES), p.from(), p.to(), p.organisation(), p.funder());
        }
    }

    @Override
    public FactFilter<FundingEvent> filters(FactFilters params) {
        Filters f = Filters.of(params);
        return query -> filter(query, f);
    }

    private void filter(ListQuery<FundingEvent> query, Filters f) {
        query.and("f.recipientProjectId = :project", "project", projects.idOrNull(f.project()))
                .and("f.type = :type", "type", f.type())
                .and("f.eventDate >= :from", "from", f.from())
                .and("f.eventDate <= :to", "to", f.to());
        if (f.organisation() != null) {
            query.and("f.funderOrganisationId = :org or f.recipientOrganisationId = :org")
                    .param("org", organisations.currentId(f.organisation()).orElse(-1L));
        }
        if (f.funder() != null) {
            query.and("f.funderOrganisationId = :funder").param("funder", organisations.currentId(f.funder()).orElse(-1L));
        }
    }

    @Override
    public String naturalKey(FundingEvent f) {
        return f.recipientProjectId + "|" + f.recipientOrganisationId + "|" + f.funderOrganisationId + "|" + f.type + "|" + f.eventDate;
    }

    private static BigDecimal amount(BigDecimal value, String field, FieldErrors errors) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            errors.add(field, "must be 0 or more");
        } else if (value.compareTo(LARGEST_AMOUNT) >= 0) {
            errors.add(field, "is implausibly large (10^15 or more)");
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(field, "has more than two decimals");
        } else {
            return value.setScale(2); // as the database keeps it, so that every answer shows it alike
        }
        return value;
    }

    private static String currency(String code, String field, FieldErrors errors) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return Currency.getInstance(code.trim()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be an ISO 4217 currency code such as USD or EUR");
            return null;
        }
    }

    private String key(Long organisationId) {
        return organisationId == null ? null : organisations.keyOf(organisationId);
    }

    private String slug(Long projectId) {
        return projectId == null ? null : projects.slugOf(projectId);
    }

    @Override
    public void checkUnique(FundingEvent f, Long self) {
        Duplicates.refuse(FundingEvent.class, "coalesce(f.recipientProjectId, -1) = ?1 and coalesce(f.recipientOrganisationId, -1) = ?2"
                        + " and f.funderOrganisationId = ?3 and f.type = ?4 and f.eventDate = ?5",
                self, "date", "This funding event", FundingEventResource.PATH,
                f.recipientProjectId == null ? -1L : f.recipientProjectId,
                f.recipientOrganisationId == null ? -1L : f.recipientOrganisationId, f.funderOrganisationId, f.type, f.eventDate);
    }
}
