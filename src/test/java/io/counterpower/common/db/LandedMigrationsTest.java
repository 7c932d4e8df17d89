package io.counterpower.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migrations that reached a release are never edited, and a new one numbers above every one that landed:
 * Flyway refuses to start on a database migrated by the last release when a lower version appears later
 * ("resolved migration not applied"), which is what a user's embedded data directory is. The landed set
 * (file name and SHA-256) is {@code src/test/resources/landed-migrations.sha256}, brought up to date when a
 * release lands ({@code sha256sum migrations/*.sql}).
 */
class LandedMigrationsTest {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.+\\.sql$");

    @Test
    void landedMigrationsAreUnchangedAndNewOnesNumberAboveThem() throws IOException {
        Map<String, String> landed = landed();
        assertTrue(landed.size() >= 12, "the landed list is read");
        Path dir = Path.of("migrations");
        int highestLanded = 0;
        for (Map.Entry<String, String> migration : landed.entrySet()) {
            Path file = dir.resolve(migration.getKey());
            if (!Files.exists(file)) {
                fail(migration.getKey() + " landed and is gone: a landed migration is never removed or renamed");
            }
            assertEquals(migration.getValue(), sha256(Files.readAllBytes(file)),
                    migration.getKey() + " landed and was edited: add a new migration instead");
            highestLanded = Math.max(highestLanded, version(migration.getKey()));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            for (String name : names) {
                if (!landed.containsKey(name)) {
                    assertTrue(version(name) > highestLanded, name + " numbers below V" + highestLanded
                            + ", which landed: a database migrated by the last release would refuse it; renumber it");
                }
            }
        }
    }

    private static int version(String name) {
        Matcher m = VERSION.matcher(name);
        assertTrue(m.matches(), name + " is not named V<number>__<description>.sql");
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> landed() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = LandedMigrationsTest.class.getResourceAsStream("/landed-migrations.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split("\\s+", 2);
                    out.put(parts[1].replaceFirst("^\\*", ""), parts[0]);
                }
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
