package io.counterpower.license;

import io.counterpower.license.ExpressionNode.Conjunction;
import io.counterpower.license.ExpressionNode.Disjunction;
import io.counterpower.license.ExpressionNode.ExceptionTerm;
import io.counterpower.license.ExpressionNode.LicenseTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for SPDX license expressions (SPDX specification 2.3, annex D): ids with an optional
 * trailing {@code +}, {@code LicenseRef-…} and {@code DocumentRef-…:LicenseRef-…}, {@code WITH}, {@code AND},
 * {@code OR} (operators in any case) and parentheses.
 */
final class ExpressionParser {

    /** Deep enough for any real expression, shallow enough that a hostile one cannot exhaust the stack. */
    static final int MAX_NESTING = 64;

    private static final Pattern ID = Pattern.compile(
            "(DocumentRef-[A-Za-z0-9.\\-]+:)?[A-Za-z0-9.\\-]+\\+?");

    private final List<Token> tokens;
    private int position;
    private int nesting;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses an expression, or explains in a sentence why it is malformed. */
    static ExpressionNode parse(String expression) throws MalformedExpressionException {
        if (expression == null || expression.isBlank()) {
            throw new MalformedExpressionException("the expression is empty");
        }
        ExpressionParser parser = new ExpressionParser(tokenise(expression));
        ExpressionNode node = parser.disjunction();
        if (parser.position < parser.tokens.size()) {
            Token extra = parser.tokens.get(parser.position);
            throw new MalformedExpressionException(
                    "unexpected '" + extra.text() + "' at character " + (extra.offset() + 1)
                            + (extra.kind() == Kind.CLOSE ? " (no matching opening parenthesis)"
                                    : " (two ids need an operator between them)"));
        }
        return node;
    }

    private ExpressionNode disjunction() throws MalformedExpressionException {
        List<ExpressionNode> options = new ArrayList<>();
        options.add(conjunction());
        while (accept(Kind.OR)) {
            options.add(conjunction());
        }
        return options.size() == 1 ? options.get(0) : new Disjunction(options);
    }

    private ExpressionNode conjunction() throws MalformedExpressionException {
        List<ExpressionNode> parts = new ArrayList<>();
        parts.add(withException());
        while (accept(Kind.AND)) {
            parts.add(withException());
        }
        return parts.size() == 1 ? parts.get(0) : new Conjunction(parts);
    }

    private ExpressionNode withException() throws MalformedExpressionException {
        boolean parenthesised = peek(Kind.OPEN);
        ExpressionNode primary = primary();
        if (!peek(Kind.WITH)) {
            return primary;
        }
        Token with = tokens.get(position++);
        if (parenthesised || !(primary instanceof LicenseTerm license)) {
            throw new MalformedExpressionException("WITH at character " + (with.offset() + 1)
                    + " must follow a single license id, not a parenthesised expression");
        }
        Token exception = next("an exception id after WITH");
        if (exception.kind() != Kind.ID || exception.text().endsWith("+")) {
            throw new MalformedExpressionException("expected an exception id after WITH at character "
                    + (exception.offset() + 1) + " but found '" + exception.text() + "'");
        }
        return new ExceptionTerm(license, exception.text());
    }

    private ExpressionNode primary() throws MalformedExpressionException {
        Token token = next("a license id");
        switch (token.kind()) {
            case OPEN -> {
                if (++nesting > MAX_NESTING) {
                    throw new MalformedExpressionException("parentheses nested deeper than " + MAX_NESTING);
                }
                ExpressionNode inner = disjunction();
                Token close = position < tokens.size() ? tokens.get(position) : null;
                if (close == null || close.kind() != Kind.CLOSE) {
                    throw new MalformedExpressionException("the parenthesis opened at character "
                            + (token.offset() + 1) + " is never closed");
                }
                position++;
                nesting--;
                return inner;
            }
            case ID -> {
                String text = token.text();
                boolean orLater = text.endsWith("+");
                return new LicenseTerm(orLater ? text.substring(0, text.length() - 1) : text, orLater);
            }
            default -> throw new MalformedExpressionException("expected a license id at character "
                    + (token.offset() + 1) + " but found '" + token.text() + "'");
        }
    }

    private Token next(String expected) throws MalformedExpressionException {
        if (position >= tokens.size()) {
            throw new MalformedExpressionException("the expression ends where " + expected + " was expected");
        }
        return tokens.get(position++);
    }

    private boolean peek(Kind kind) {
        return position < tokens.size() && tokens.get(position).kind() == kind;
    }

    private boolean accept(Kind kind) {
        if (peek(kind)) {
            position++;
            return true;
        }
        return false;
    }

    private static List<Token> tokenise(String expression) throws MalformedExpressionException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i));
                i++;
            } else {
                int start = i;
                while (i < expression.length() && !Character.isWhitespace(expression.charAt(i))
                        && expression.charAt(i) != '(' && expression.charAt(i) != ')') {
                    i++;
                }
                String word = expression.substring(start, i);
                tokens.add(new Token(kindOf(word, start), word, start));
            }
        }
        return tokens;
    }

    private static Kind kindOf(String word, int offset) throws MalformedExpressionException {
        switch (word.toUpperCase(Locale.ROOT)) {
            case "AND":
                return Kind.AND;
            case "OR":
                return Kind.OR;
            case "WITH":
                return Kind.WITH;
            default:
                if (!ID.matcher(word).matches()) {
                    throw new MalformedExpressionException("'" + word + "' at character " + (offset + 1)
                            + " is not a license id (letters, digits, '.', '-', and an optional final '+')");
                }
                return Kind.ID;
        }
    }

    private enum Kind { ID, AND, OR, WITH, OPEN, CLOSE }

    private record Token(Kind kind, String text, int offset) {
    }
}
