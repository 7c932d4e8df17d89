import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the exact SQL texts the indicator engine sends (read from the compiled classes) to files,
 * so that the benchmark can EXPLAIN them with psql. Run: java -cp target/classes bench/indicators/Statements.java DIR
 */
public class Statements {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Class<?> contributions = Class.forName("io.counterpower.indicator.ContributionIndicators");
        Files.writeString(dir.resolve("contribution.sql"), field(contributions, "SQL"));
        Files.writeString(dir.resolve("contribution-current.sql"), field(contributions, "SQL_CURRENT"));
        Files.writeString(dir.resolve("disputed.sql"), field(contributions, "DISPUTED"));
        Class<?> facts = Class.forName("io.counterpower.indicator.FactIndicators");
        Method lateral = facts.getDeclaredMethod("lateral", String.class);
        lateral.setAccessible(true);
        for (String name : new String[] {"SEATS", "FLAGS", "FUNDING", "LICENSE", "ADOPTION"}) {
            Files.writeString(dir.resolve(name.toLowerCase() + ".sql"), (String) lateral.invoke(null, field(facts, name)));
        }
    }

    private static String field(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
