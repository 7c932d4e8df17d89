package io.counterpower.contributor;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.contributor.EnrolmentImports.Enrolment;
import io.counterpower.contributor.EnrolmentImports.Person;
import io.counterpower.contributor.EnrolmentImports.RowCount;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** gitdm's developer-to-employer map, read into the people of an enrolment import ({@link EnrolmentImports}). */
final class GitdmFormat {
    private static final Pattern GITDM_PERSON = Pattern.compile("^([^:\\t][^:]*):\\s*(.+)$");
    private static final Pattern GITDM_COMPANY = Pattern.compile("^\\s+(.+?)(?:\\s+until\\s+(\\d{4}-\\d{2}-\\d{2}))?\\s*$");

    private GitdmFormat() {
    }

    /**
     * {@code Name: email1, email2} then indented {@code Company [until YYYY-MM-DD]} lines. Emails
     * may hide "@" as "!". "until" is the day the next company starts, so a period ends the day
     * before it; the next one starts on it.
     */
    static List<Person> parse(Reader body, List<FieldError> errors, RowCount rows) {
        List<Person> people = new ArrayList<>();
        Person current = null;
        LocalDate nextStart = null;
        LineReader lines = new LineReader(body);
        String line;
        for (int n = 1; (line = lines.next()) != null; n++) {
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
                rows.add();
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
            rows.add();
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

    /** Lines ended by LF or CRLF (a lone CR stays in its line), read as the body arrives. */
    private static final class LineReader {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private boolean ended;

        LineReader(Reader in) {
            this.in = in;
        }

        /** The next line, or null after the last one (the text after the last line end, even empty, is a line). */
        String next() {
            if (ended) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == limit) {
                    try {
                        limit = in.read(buffer);
                    } catch (IOException e) {
                        throw ApiProblem.badRequest("body", "could not be read to its end");
                    }
                    position = 0;
                    if (limit < 0) {
                        ended = true;
                        return line.toString();
                    }
                }
                char ch = buffer[position++];
                if (ch == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append(ch);
            }
        }
    }
}
