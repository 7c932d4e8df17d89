package io.counterpower.security;

import io.counterpower.common.db.DatabaseFailures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which errors mean "the database is away" (503, rerun the job) rather than a bug (500). */
class DatabaseFailuresTest {

    @Test
    void aConnectionLostDuringTheCommitIsAnOutageThoughOnlyASuppressedErrorSaysSo() {
        // Narayana reports a failed commit as a RollbackException; the driver's error is suppressed on it.
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseFailures.isUnavailable(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void poolTimeoutsAndRefusedConnectionsAreOutagesAndConstraintViolationsAreNot() {
        assertTrue(DatabaseFailures.isUnavailable(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(DatabaseFailures.isUnavailable(new IllegalStateException(new SQLException("Connection refused", "08001"))));
        assertTrue(DatabaseFailures.isUnavailable(new RuntimeException(new java.net.ConnectException("refused"))));
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("a bug")));
    }
}
