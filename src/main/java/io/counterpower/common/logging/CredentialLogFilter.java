package io.counterpower.common.logging;

import io.counterpower.common.text.UrlCredentials;
import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps URL credentials out of the log: a message that names {@code https://user:token@host} is
 * written with {@code https://***@host}. The API refuses such URLs; this covers a library's message.
 */
@LoggingFilter(name = "credential-redaction")
public final class CredentialLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String redacted = UrlCredentials.redact(message);
            if (redacted != null && !redacted.equals(message)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(UrlCredentials.redact(record.getMessage()));
        }
        return true;
    }
}
