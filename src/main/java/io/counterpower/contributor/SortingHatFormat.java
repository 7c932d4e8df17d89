package io.counterpower.contributor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.problem.FieldError;
import io.counterpower.contributor.EnrolmentImports.Enrolment;
import io.counterpower.contributor.EnrolmentImports.Person;
import io.counterpower.contributor.EnrolmentImports.RowCount;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SortingHat's JSON export, read into the people of an enrolment import ({@link EnrolmentImports}). */
final class SortingHatFormat {
    private static final LocalDate SORTINGHAT_OPEN_START = LocalDate.of(1900, 1, 1);
    private static final LocalDate SORTINGHAT_OPEN_END = LocalDate.of(2100, 1, 1);

    private SortingHatFormat() {
    }

    /**
     * SortingHat's export: {@code uidentities} (profile, identities, enrollments with organization,
     * start and end) and {@code organizations} with their domains. 1900-01-01 and 2100-01-01, which
     * SortingHat uses for "no date", are open ends. Positions (1-based) stand for lines. Each unique
     * identity is read as the body arrives; the organisations' domains (which may come after them)
     * are joined at the end.
     */
    static List<Person> parse(ObjectMapper json, Reader body, List<FieldError> errors, RowCount rows) {
        List<Person> people = new ArrayList<>();
        Map<String, List<String>> domains = new LinkedHashMap<>();
        boolean found = false;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("uidentities".equals(field) && value == JsonToken.START_OBJECT) {
                        found = true;
                        int position = 0;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            parser.nextToken();
                            JsonNode u = parser.readValueAsTree();
                            people.add(sortingHatPerson(++position, u, errors, rows));
                        }
                    } else if ("organizations".equals(field)) {
                        JsonNode orgs = parser.readValueAsTree();
                        orgs.fields().forEachRemaining(org -> {
                            List<String> list = new ArrayList<>();
                            org.getValue().forEach(d -> list.add(d.path("domain").asText()));
                            domains.put(org.getKey(), list);
                        });
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            errors.add(new FieldError("body", "is not valid JSON"));
            return List.of();
        }
        if (!found) {
            errors.add(new FieldError("uidentities", "is required: the SortingHat export's object of unique identities"));
            return List.of();
        }
        List<Person> joined = new ArrayList<>(people.size());
        for (Person p : people) {
            List<Enrolment> enrolments = new ArrayList<>();
            for (Enrolment e : p.enrolments()) {
                enrolments.add(new Enrolment(e.line(), e.organisation(), domains.getOrDefault(e.organisation(), List.of()), e.from(), e.to()));
            }
            joined.add(new Person(p.line(), p.name(), p.emails(), enrolments));
        }
        return joined;
    }

    private static Person sortingHatPerson(int position, JsonNode u, List<FieldError> errors, RowCount rows) {
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
        rows.add();
        Person person = new Person(position, name == null ? (emails.isEmpty() ? "unknown" : emails.get(0)) : name, emails, new ArrayList<>());
        for (JsonNode e : u.path("enrollments")) {
            String org = e.path("organization").asText(null);
            if (org == null || org.isBlank()) {
                errors.add(new FieldError("uidentities[" + position + "].enrollments", "an enrollment needs an organization"));
                continue;
            }
            LocalDate start = sortingHatDate(e.path("start").asText(null), position, errors);
            LocalDate end = sortingHatDate(e.path("end").asText(null), position, errors);
            rows.add();
            person.enrolments().add(new Enrolment(position, org, List.of(),
                    start == null || !start.isAfter(SORTINGHAT_OPEN_START) ? null : start,
                    end == null || !end.isBefore(SORTINGHAT_OPEN_END) ? null : end.minusDays(1)));
        }
        return person;
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
}
