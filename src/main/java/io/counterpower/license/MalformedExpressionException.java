package io.counterpower.license;

/**
 * Why an SPDX expression could not be read. Checked on purpose: the parser's callers turn it into a reported
 * {@link ExpressionLevel}, so that a malformed expression never escapes as an unexpected exception.
 */
final class MalformedExpressionException extends Exception {

    MalformedExpressionException(String message) {
        super(message, null, false, false);
    }
}
