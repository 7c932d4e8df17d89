import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the exact SQL texts the indicator engine sends for a methodology version (the versioned resources
 * methodology/v<N>/*.sql as the engine loads them, the per-step ones wrapped as FactIndicators wraps them) to
 * files, so that the benchmark can EXPLAIN them with psql.
 * Run: java -cp "target/classes:target/quarkus-app/lib/main/*" bench/indicators/Statements.java DIR [VERSION, default 2]
 */
public class Statements {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int version = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Files.createDirectories(dir);
        Class<?> statements = Class.forName("io.counterpower.indicator.IndicatorStatements");
        Method sql = statements.getDeclaredMethod("sql", int.class, String.class);
        sql.setAccessible(true);
        Class<?> facts = Class.forName("io.counterpower.indicator.FactIndicators");
        Method lateral = facts.getDeclaredMethod("lateral", String.class);
        lateral.setAccessible(true);
        for (String name : new String[] {"contribution", "contribution-current", "disputed"}) {
            Files.writeString(dir.resolve(name + ".sql"), (String) sql.invoke(null, version, name));
        }
        for (String name : new String[] {"seats", "flags", "funding", "license", "adoption"}) {
            Files.writeString(dir.resolve(name + ".sql"), (String) lateral.invoke(null, (String) sql.invoke(null, version, name)));
        }
    }
}
