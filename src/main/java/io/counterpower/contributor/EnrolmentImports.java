package io.counterpower.contributor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.common.time.Instants;
import io.counterpower.organisation.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports enrolments from the formats the field already keeps: the gitdm / CNCF
 * {@code developers_affiliations*.txt} files and SortingHat's JSON export. One transaction per
 * import: every problem is reported with its line (or position) and nothing is written; repeating
 * an import changes nothing. Organisations are matched by key, name, alias or domain; unknown ones
 * are created (source import) and reported.
 */
@ApplicationScoped
public class EnrolmentImports {
    private static final Pattern GITDM_PERSON = Pattern.compile("^([^:\\t][^:]*):\\s*(.+)$");
    private static final Pattern GITDM_COMPANY = Pattern.compile("^\\s+(.+?)(?:\\s+until\\s+(\\d{4}-\\d{2}-\\d{2}))?\\s*$");
    private static final LocalDate SORTINGHAT_OPEN_START = LocalDate.of(1900, 1, 1);
    private static final LocalDate SORTINGHAT_OPEN_END = LocalDate.of(2100, 1, 1);

    /** One person of an import: where it starts, its names and emails, and its enrolments in order. */
    record Person(int line, String name, List<String> emails, List<Enrolment> enrolments) {
    }

    /** An enrolment; a null organisation would mean independent (none of the formats says so). */
    record Enrolment(int line, String organisation, List<String> domains, LocalDate from, LocalDate to) {
    }

    /** What an import did. */
    public record Report(String format, int people, int contributorsCreated, int identitiesCreated, int affiliationsCreated,
                         int affiliationsUnchanged, Map<String, String> organisationsCreated) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    FactVersions facts;
    @Inject
    ChangeLog changes;
    @Inject
    OrganisationService organisations;

    @ConfigProperty(name = "counterpower.imports.max-rows", defaultValue = "200000")
    int maxRows;

    @Transactional
    public Report importEnrolments(String format, String text, String sourceUrl, String confidence) {
        caller.requireCurator();
        List<FieldError> errors = new ArrayList<>();
        List<Person> people = switch (format == null ? "" : format) {
            case "gitdm" -> parseGitdm(text, errors);
            case "sortinghat" -> parseSortingHat(text, errors);
            default -> throw ApiProblem.badRequest("format", "must be gitdm, sortinghat or csv");
        };
        Confidence level = confidence == null || confidence.isBlank() ? Confidence.REPORTED : parseConfidence(confidence);
        FactWrite write = caller.write(new io.counterpower.common.fact.SourceInput(SourceKind.IMPORT, sourceUrl, format + " import", level),
                format + " import", false);
        int rows = people.stream().mapToInt(p -> 1 + p.enrolments().size()).sum();
        if (rows > maxRows) {
            throw ApiProblem.badRequest("body", "the import has " + rows + " rows; the limit is " + maxRows + " (counterpower.imports.max-rows)");
        }
        for (Person p : people) {
            for (int i = 0; i < p.enrolments().size(); i++) {
                Enrolment e = p.enrolments().get(i);
                if (e.from() != null && e.to() != null && e.to().isBefore(e.from())) {
                    errors.add(new FieldError("line " + e.line(), "the period ends (" + e.to() + ") before it starts (" + e.from() + ")"));
                }
                for (int j = 0; j < i; j++) {
                    Enrolment other = p.enrolments().get(j);
                    if (Periods.overlap(e.from(), e.to(), other.from(), other.to())) {
                        errors.add(new FieldError("line " + e.line(), "overlaps the enrolment on line " + other.line()));
                    }
                }
            }
            if (p.emails().isEmpty()) {
                errors.add(new FieldError("line " + p.line(), "a person needs at least one email"));
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        Counts counts = new Counts();
        for (Person p : people) {
            long contributor = contributorFor(p, write, counts);
            for (Enrolment e : p.enrolments()) {
                Long org = organisations.match(e.organisation(), e.domains()).orElse(null);
                if (org == null) {
                    org = organisations.createFromImport(e.organisation(), e.domains(), write);
                    counts.organisations.put(e.organisation(), organisations.keyOf(org));
                }
                record(contributor, org, e, write, counts, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        Report report = new Report(format, people.size(), counts.contributors, counts.identities, counts.created, counts.unchanged,
                counts.organisations);
        changes.record(ChangeLog.GLOBAL, "import", "affiliation", format, null, report, write.reason());
        return report;
    }

    // ---- gitdm ------------------------------------------------------------------------------

    /**
     * {@code Name: email1, email2} then indented {@code Company [until YYYY-MM-DD]} lines. Emails
     * may hide "@" as "!". "until" is the day the next company starts, so a period ends the day
     * before it; the next one starts on it.
     */
    List<Person> parseGitdm(String text, List<FieldError> errors) {
        List<Person> people = new ArrayList<>();
        String[] lines = text.split("\\r?\\n", -1);
        Person current = null;
        LocalDate nextStart = null;
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher company = GITDM_COMPANY.matcher(line);
            if (Character.isWhitespace(line.charAt(0)) && company.matches()) {
                if (current == null) {
                    errors.add(new FieldError("line " + n, "a company line must follow a person line"));
                    continue;
                }
                LocalDate until = null;
                if (company.group(2) != null) {
                    try {
                        until = LocalDate.parse(company.group(2));
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError("line " + n, "'" + company.group(2) + "' is not a date YYYY-MM-DD"));
                        continue;
                    }
                }
                current.enrolments().add(new Enrolment(n, company.group(1).trim(), List.of(), nextStart,
                        until == null ? null : until.minusDays(1)));
                nextStart = until;
                continue;
            }
            Matcher person = GITDM_PERSON.matcher(line);
            if (!person.matches()) {
                errors.add(new FieldError("line " + n, "is neither a person line (Name: email, email) nor an indented company line"));
                continue;
            }
            List<String> emails = new ArrayList<>();
            for (String raw : person.group(2).split(",")) {
                String email = raw.trim().replace('!', '@').toLowerCase(Locale.ROOT);
                if (!email.matches("^[^@\\s]+@[^@\\s]+$")) {
                    errors.add(new FieldError("line " + n, "'" + raw.trim() + "' is not an email"));
                } else if (!emails.contains(email)) {
                    emails.add(email);
                }
            }
            current = new Person(n, person.group(1).trim(), emails, new ArrayList<>());
            nextStart = null;
            people.add(current);
        }
        for (Person p : people) {
            for (int i = 0; i + 1 < p.enrolments().size(); i++) {
                if (p.enrolments().get(i).to() == null) {
                    errors.add(new FieldError("line " + p.enrolments().get(i).line(), "only the last company of a person may have no 'until'"));
                }
            }
        }
        return people;
    }

    // ---- SortingHat -------------------------------------------------------------------------

    /**
     * SortingHat's export: {@code uidentities} (profile, identities, enrollments with organization,
     * start and end) and {@code organizations} with their domains. 1900-01-01 and 2100-01-01, which
     * SortingHat uses for "no date", are open ends. Positions (1-based) stand for lines.
     */
    List<Person> parseSortingHat(String text, List<FieldError> errors) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            errors.add(new FieldError("body", "is not valid JSON"));
            return List.of();
        }
        if (root == null || !root.path("uidentities").isObject()) {
            errors.add(new FieldError("uidentities", "is required: the SortingHat export's object of unique identities"));
            return List.of();
        }
        Map<String, List<String>> domains = new LinkedHashMap<>();
        root.path("organizations").fields().forEachRemaining(org -> {
            List<String> list = new ArrayList<>();
            org.getValue().forEach(d -> list.add(d.path("domain").asText()));
            domains.put(org.getKey(), list);
        });
        List<Person> people = new ArrayList<>();
        int position = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("uidentities").fields(); it.hasNext(); ) {
            position++;
            JsonNode u = it.next().getValue();
            List<String> emails = new ArrayList<>();
            String profileEmail = u.path("profile").path("email").asText(null);
            if (profileEmail != null && profileEmail.contains("@")) {
                emails.add(profileEmail.toLowerCase(Locale.ROOT));
            }
            for (JsonNode identity : u.path("identities")) {
                String email = identity.path("email").asText(null);
                if (email != null && email.contains("@") && !emails.contains(email.toLowerCase(Locale.ROOT))) {
                    emails.add(email.toLowerCase(Locale.ROOT));
                }
            }
            String name = u.path("profile").path("name").asText(null);
            Person person = new Person(position, name == null ? (emails.isEmpty() ? "unknown" : emails.get(0)) : name, emails, new ArrayList<>());
            for (JsonNode e : u.path("enrollments")) {
                String org = e.path("organization").asText(null);
                if (org == null || org.isBlank()) {
                    errors.add(new FieldError("uidentities[" + position + "].enrollments", "an enrollment needs an organization"));
                    continue;
                }
                LocalDate start = sortingHatDate(e.path("start").asText(null), position, errors);
                LocalDate end = sortingHatDate(e.path("end").asText(null), position, errors);
                person.enrolments().add(new Enrolment(position, org, domains.getOrDefault(org, List.of()),
                        start == null || !start.isAfter(SORTINGHAT_OPEN_START) ? null : start,
                        end == null || !end.isBefore(SORTINGHAT_OPEN_END) ? null : end.minusDays(1)));
            }
            people.add(person);
        }
        return people;
    }

    private static LocalDate sortingHatDate(String value, int position, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("uidentities[" + position + "]", "'" + value + "' is not a date"));
            return null;
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    private static final class Counts {
        int contributors;
        int identities;
        int created;
        int unchanged;
        final Map<String, String> organisations = new LinkedHashMap<>();
    }

    /** The contributor one of whose identities has one of these emails, or a new one. */
    private long contributorFor(Person p, FactWrite write, Counts counts) {
        Long contributor = null;
        for (String email : p.emails()) {
            @SuppressWarnings("unchecked")
            List<Number> found = em.createNativeQuery("""
                            select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                            where lower(i.email) = ?1 order by l.contributor_id limit 1""").setParameter(1, email).getResultList();
            if (!found.isEmpty()) {
                contributor = found.get(0).longValue();
                break;
            }
        }
        if (contributor == null) {
            Contributor h = new Contributor();
            h.createdAt = write.at();
            h.persist();
            ContributorVersion v = new ContributorVersion();
            v.id = h.id;
            v.displayName = p.name();
            facts.record(v, write);
            contributor = h.id;
            counts.contributors++;
        }
        for (String email : p.emails()) {
            @SuppressWarnings("unchecked")
            List<Number> identity = em.createNativeQuery("select id from identity where lower(email) = ?1 and name = ?2")
                    .setParameter(1, email).setParameter(2, p.name()).getResultList();
            long id;
            if (identity.isEmpty()) {
                Identity created = new Identity();
                created.name = p.name();
                created.email = email;
                created.createdAt = write.at();
                created.persist();
                id = created.id;
            } else {
                id = identity.get(0).longValue();
            }
            if (facts.find(IdentityLink.class, id, null).isEmpty()) {
                IdentityLink link = new IdentityLink();
                link.id = id;
                link.contributorId = contributor;
                facts.record(link, write);
                counts.identities++;
            }
        }
        return contributor;
    }

    private void record(long contributor, long organisation, Enrolment e, FactWrite write, Counts counts, List<FieldError> errors) {
        List<Affiliation> sameTier = Affiliation.list("contributorId = ?1 and sourceTier = ?2 and supersededAt is null",
                contributor, (short) SourceKind.IMPORT.tier());
        for (Affiliation a : sameTier) {
            if (a.organisationId != null && a.organisationId == organisation && java.util.Objects.equals(a.validFrom, e.from())
                    && java.util.Objects.equals(a.validTo, e.to())) {
                counts.unchanged++;
                return;
            }
        }
        for (Affiliation a : sameTier) {
            if (Periods.overlap(e.from(), e.to(), a.validFrom, a.validTo)) {
                errors.add(new FieldError("line " + e.line(), "overlaps imported affiliation " + a.id + " ("
                        + (a.organisationId == null ? "independent" : organisations.keyOf(a.organisationId)) + ", "
                        + Periods.describe(a.validFrom, a.validTo) + ") of the same contributor; correct or close it first"));
                return;
            }
        }
        Affiliation a = new Affiliation();
        a.id = facts.newFactId();
        a.contributorId = contributor;
        a.organisationId = organisation;
        a.validFrom = e.from();
        a.validTo = e.to();
        facts.record(a, write);
        em.flush(); // the next row's overlap check must see it
        counts.created++;
    }

    private static Confidence parseConfidence(String value) {
        try {
            return Confidence.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("confidence", e.getMessage());
        }
    }

    private static ApiProblem rejected(List<FieldError> errors) {
        return new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the import; nothing was imported", errors, Map.of());
    }
}
