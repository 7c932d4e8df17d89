package io.counterpower.common.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a database that is away (stopped, restarting, unreachable, or a pool with no connection to
 * give) from an error of the request itself: the first is a 503 to retry, a job to rerun, never a 500.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /**
     * Whether {@code e}, one of its causes, or an exception suppressed along the way says the database
     * cannot be reached right now. Suppressed ones count: when the connection dies during a commit,
     * the transaction manager reports a RollbackException and attaches the driver's error to it.
     */
    public static boolean isUnavailable(Throwable e) {
        return isUnavailable(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isUnavailable(Throwable e, Set<Throwable> seen) {
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.io.EOFException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
                // Agroal gives up waiting for a connection with a plain SQLException and no state.
                String message = s.getMessage() == null ? "" : s.getMessage().toLowerCase(Locale.ROOT);
                if (state == null && message.contains("acquisition timeout")) {
                    return true;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isUnavailable(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
