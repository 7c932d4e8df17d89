package io.counterpower.collect;

import io.counterpower.collect.EmailDomainAffiliations.Candidate;
import io.counterpower.collect.EmailDomainAffiliations.Owner;
import io.counterpower.collect.EmailDomainAffiliations.Period;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of email-domain inference, without a database. */
class AffiliationInferenceRulesTest {

    static final Owner META = new Owner(1, "meta");
    static final Owner GOOGLE = new Owner(2, "google");
    static final Owner MISTRAL = new Owner(3, "mistral");

    static Candidate candidate(Owner owner, String from, String to, String domain) {
        return new Candidate(owner, LocalDate.parse(from), LocalDate.parse(to), domain);
    }

    static List<String> describe(List<Period> periods) {
        return periods.stream().map(p -> p.owner().key() + " " + p.from() + ".." + p.to() + " " + p.domains()).toList();
    }

    @Test
    void periodsOfOneOrganisationThatOverlapOrTouchAreMerged() {
        assertEquals(List.of("meta 2020-01-01..2021-06-30 [fb.com, meta.com]"), describe(EmailDomainAffiliations.resolve(List.of(
                candidate(META, "2020-01-01", "2021-01-31", "fb.com"),
                candidate(META, "2021-02-01", "2021-06-30", "meta.com")))));
        assertEquals(List.of("meta 2020-01-01..2020-03-01 [fb.com]", "meta 2021-01-01..2021-02-01 [meta.com]"),
                describe(EmailDomainAffiliations.resolve(List.of(
                        candidate(META, "2021-01-01", "2021-02-01", "meta.com"),
                        candidate(META, "2020-01-01", "2020-03-01", "fb.com")))));
    }

    @Test
    void theLaterOfTwoOverlappingOrganisationsStartsTheDayAfterTheEarlierEnds() {
        assertEquals(List.of("meta 2021-01-20..2021-06-15 [meta.com]", "google 2021-06-16..2021-09-30 [google.com]"),
                describe(EmailDomainAffiliations.resolve(List.of(
                        candidate(GOOGLE, "2021-05-01", "2021-09-30", "google.com"),
                        candidate(META, "2021-01-20", "2021-06-15", "meta.com")))));
    }

    @Test
    void aPeriodInsideAnotherOrganisationsIsDropped() {
        assertEquals(List.of("meta 2020-01-01..2020-12-31 [meta.com]"), describe(EmailDomainAffiliations.resolve(List.of(
                candidate(META, "2020-01-01", "2020-12-31", "meta.com"),
                candidate(GOOGLE, "2020-03-01", "2020-04-01", "google.com")))));
        // ... and the first organisation's later address still merges across it.
        assertEquals(List.of("meta 2020-01-01..2020-12-31 [fb.com, meta.com]"), describe(EmailDomainAffiliations.resolve(List.of(
                candidate(META, "2020-01-01", "2020-06-30", "meta.com"),
                candidate(GOOGLE, "2020-03-01", "2020-04-01", "google.com"),
                candidate(META, "2020-05-01", "2020-12-31", "fb.com")))));
    }

    @Test
    void sameStartIsDecidedByEndThenOrganisationKey() {
        assertEquals(List.of("google 2021-01-01..2021-01-31 [google.com]", "meta 2021-02-01..2021-03-31 [meta.com]"),
                describe(EmailDomainAffiliations.resolve(List.of(
                        candidate(META, "2021-01-01", "2021-03-31", "meta.com"),
                        candidate(GOOGLE, "2021-01-01", "2021-01-31", "google.com")))));
        assertEquals(List.of("google 2021-01-01..2021-01-31 [google.com]"), describe(EmailDomainAffiliations.resolve(List.of(
                candidate(MISTRAL, "2021-01-01", "2021-01-31", "mistral.ai"),
                candidate(GOOGLE, "2021-01-01", "2021-01-31", "google.com")))));
    }

    @Test
    void publicProvidersAndTheirSubdomainsNeverInferAnything() {
        PublicMailProviders providers = PublicMailProviders.bundled();
        for (String domain : List.of("gmail.com", "outlook.com", "qq.com", "163.com", "foxmail.com", "proton.me",
                "users.noreply.github.com", "yahoo.co.jp", "mail.gmail.com")) {
            assertTrue(providers.covers(domain), domain);
        }
        for (String domain : List.of("github.com", "meta.com", "research.google.com", "mit.edu", "example")) {
            assertFalse(providers.covers(domain), domain);
        }
        assertTrue(providers.size() > 100);

        EmailDomainAffiliations inference = new EmailDomainAffiliations();
        Map<String, Owner> owners = Map.of("meta.com", META, "gmail.com", GOOGLE);
        assertEquals(META, inference.ownerOf("ada@research.meta.com", owners));
        assertEquals(META, inference.ownerOf("ada@META.com", owners));
        assertNull(inference.ownerOf("ada@gmail.com", owners), "a public provider even if an organisation lists it");
        assertNull(inference.ownerOf("ada@metacom.org", owners));
        assertNull(inference.ownerOf("ada@", owners));
        assertNull(inference.ownerOf("no-at-sign", owners));
    }
}
