package io.counterpower.license;

import java.util.List;

/** A parsed SPDX license expression. Operators bind as SPDX says: WITH tighter than AND, AND tighter than OR. */
sealed interface ExpressionNode {

    /** A license id as written, with {@code orLater} for a trailing {@code +} ("this version or any later one"). */
    record LicenseTerm(String id, boolean orLater) implements ExpressionNode {
    }

    /** {@code license WITH exception}: an exception only ever adds permissions to the license. */
    record ExceptionTerm(LicenseTerm license, String exceptionId) implements ExpressionNode {
    }

    /** {@code A AND B}: every part applies at once. */
    record Conjunction(List<ExpressionNode> parts) implements ExpressionNode {
        public Conjunction {
            parts = List.copyOf(parts);
        }
    }

    /** {@code A OR B}: the user may pick any option. */
    record Disjunction(List<ExpressionNode> options) implements ExpressionNode {
        public Disjunction {
            options = List.copyOf(options);
        }
    }
}
