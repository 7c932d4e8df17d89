package io.counterpower.security;

import io.counterpower.common.logging.CredentialLogFilter;
import io.counterpower.common.text.UrlCredentials;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URL credentials never reach the log, however a message is formatted. */
class CredentialLogFilterTest {

    @Test
    void credentialsInLoggedUrlsAreReplaced() {
        CredentialLogFilter filter = new CredentialLogFilter();

        ExtLogRecord printf = new ExtLogRecord(Level.WARNING, "Cannot clone %s: %s", ExtLogRecord.FormatStyle.PRINTF,
                CredentialLogFilterTest.class.getName());
        printf.setParameters(new Object[] {"https://bot:ghp_SECRET@github.com/a/b.git", "403"});
        assertTrue(filter.isLoggable(printf));
        assertEquals("Cannot clone https://***@github.com/a/b.git: 403", printf.getFormattedMessage());

        ExtLogRecord braces = new ExtLogRecord(Level.INFO, "fetch {0} failed", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                CredentialLogFilterTest.class.getName());
        braces.setParameters(new Object[] {"HTTPS://x-access-token:abc@host.example/r"});
        filter.isLoggable(braces);
        assertEquals("fetch HTTPS://***@host.example/r failed", braces.getFormattedMessage());

        ExtLogRecord plain = new ExtLogRecord(Level.INFO, "Job 4 succeeded in 12 ms; mail ann@example.org",
                ExtLogRecord.FormatStyle.NO_FORMAT, CredentialLogFilterTest.class.getName());
        filter.isLoggable(plain);
        assertEquals("Job 4 succeeded in 12 ms; mail ann@example.org", plain.getFormattedMessage());
    }

    @Test
    void onlyTheUserInfoOfAUrlIsHidden() {
        assertEquals("see https://***@h/x and ssh://***@github.com/a.git, not ann@example.org",
                UrlCredentials.redact("see https://u:p@h/x and ssh://git@github.com/a.git, not ann@example.org"));
        assertEquals("https://github.com/a/b?x=a@b", UrlCredentials.redact("https://github.com/a/b?x=a@b"));
        assertEquals(null, UrlCredentials.redact(null));
    }
}
