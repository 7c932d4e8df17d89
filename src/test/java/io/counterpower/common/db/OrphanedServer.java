package io.counterpower.common.db;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: starts the embedded server on the directory given,
 * prints its postmaster's pid, and waits to be killed, as a service killed with SIGKILL would leave it.
 */
final class OrphanedServer {
    private OrphanedServer() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), 0, false);
        System.out.println("started " + database.port());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // until killed
    }
}
