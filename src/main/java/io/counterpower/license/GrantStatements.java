package io.counterpower.license;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The curated grant statements of {@code license/grant-statements.json}: license files that say which licenses the
 * user may choose between (Redis's "RSALv2 or SSPLv1") instead of being one license's text. Each is read as the
 * expression it grants; every id of that expression must be in the catalog, checked when the matcher is built.
 */
final class GrantStatements {

    static final String RESOURCE = "license/grant-statements.json";

    /** One curated statement: the expression, and phrases (normalised when loaded) that must all be in the text. */
    record Statement(String expression, List<String> phrases, String evidence) {
        Statement {
            phrases = List.copyOf(phrases);
        }
    }

    private record File(String description, List<Statement> statements) {
    }

    private GrantStatements() {
    }

    /** The statements with their phrases normalised; fails when an expression names an id the catalog lacks. */
    static List<Statement> load(LicenseCatalog catalog) {
        File file;
        try (InputStream in = GrantStatements.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            file = new ObjectMapper().readValue(in, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<Statement> statements = new ArrayList<>();
        for (Statement statement : file.statements()) {
            ExpressionLevel level = new ExpressionEvaluator(catalog.vocabulary()).evaluate(statement.expression());
            if (level.malformed() || !level.unknownIds().isEmpty() || statement.phrases().isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": '" + statement.expression()
                        + "' needs phrases and ids the catalog classifies");
            }
            statements.add(new Statement(level.normalised(),
                    statement.phrases().stream().map(LicenseTextNormaliser::normalise).toList(),
                    statement.evidence()));
        }
        return List.copyOf(statements);
    }

    /** The first statement whose phrases are all in the normalised text, or null. */
    static Statement find(List<Statement> statements, String normalised) {
        String padded = " " + normalised + " ";
        for (Statement statement : statements) {
            if (statement.phrases().stream().allMatch(phrase -> padded.contains(" " + phrase + " "))) {
                return statement;
            }
        }
        return null;
    }
}
