package io.usp4j.core.path.resolve;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.Literal;
import io.usp4j.core.path.Operator;
import io.usp4j.core.value.InvalidTypeException;
import io.usp4j.core.value.Value;
import io.usp4j.core.value.ValueType;
import java.util.List;

/**
 * A comparison with its constant already converted to the parameter's type: tests one stored value (lexical
 * form) per call, without re-reading the constant. A stored value that is not a valid value of the type
 * never matches, whatever the operator.
 */
@FunctionalInterface
interface BoundComparison {

    boolean test(String stored);

    /**
     * Binds {@code operator literal} to a parameter, checking that the comparison is valid for its type.
     *
     * @param where the expression term, for messages
     * @throws UspException 7008 when the operator does not apply to the type or the constant is not a value
     *     of the type (see {@link PathResolver})
     */
    static BoundComparison bind(SupportedElement.Parameter parameter, Operator operator, Literal literal, String where) {
        ValueType type = parameter.type();
        if (operator == Operator.CONTAINS) {
            if (!parameter.list()) {
                throw invalid(where, "'~=' applies only to list-valued parameters and this one is a single "
                        + type.xmlName());
            }
            BoundComparison item = bindScalar(type, Operator.EQUAL, literal, where);
            return stored -> {
                for (String s : ValueType.splitList(stored)) {
                    if (item.test(s)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (parameter.list()) {
            return bindList(type, operator, literal, where);
        }
        return bindScalar(type, operator, literal, where);
    }

    private static BoundComparison bindList(ValueType type, Operator operator, Literal literal, String where) {
        if (operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            throw invalid(where, "a list-valued parameter allows only '==', '!=' and '~='");
        }
        if (!literal.quoted()) {
            throw invalid(where, "a whole list is compared with a quoted comma-separated list");
        }
        List<Value> constant;
        try {
            constant = type.parseList(literal.text());
        } catch (InvalidTypeException e) {
            throw invalid(where, e.getMessage());
        }
        boolean wantEqual = operator == Operator.EQUAL;
        return stored -> {
            try {
                return type.parseList(stored).equals(constant) == wantEqual;
            } catch (InvalidTypeException e) {
                return false;
            }
        };
    }

    private static BoundComparison bindScalar(ValueType type, Operator operator, Literal literal, String where) {
        if (type == ValueType.STRING && !literal.quoted()) {
            throw invalid(where, "a string constant must be enclosed in double quotes");
        }
        if (type != ValueType.STRING && type != ValueType.BASE64 && literal.quoted()) {
            throw invalid(where, "the parameter is of type " + type.xmlName()
                    + ", not a string: write the constant without quotes");
        }
        boolean equality = operator == Operator.EQUAL || operator == Operator.NOT_EQUAL;
        if (!equality && !type.isOrdered()) {
            throw invalid(where, "a " + type.xmlName() + " parameter allows only '==' and '!='");
        }
        Value constant;
        try {
            constant = type.parse(literal.text());
        } catch (InvalidTypeException e) {
            throw invalid(where, e.getMessage());
        }
        if (!equality && type == ValueType.DATE_TIME && constant.asDateTime().isUnknown()) {
            throw invalid(where, "the Unknown Time 0001-01-01T00:00:00Z allows only '==' and '!='");
        }
        boolean wantEqual = operator == Operator.EQUAL;
        switch (type) {
            case STRING: {
                String c = literal.text();
                return wantEqual ? c::equals : stored -> !c.equals(stored);
            }
            case BOOLEAN: {
                boolean c = constant.asBoolean();
                return stored -> {
                    int b = booleanOf(stored);
                    return b >= 0 && ((b == 1) == c) == wantEqual;
                };
            }
            case INT:
            case UNSIGNED_INT:
            case LONG:
            case UNSIGNED_LONG: {
                long c = constant.asLong();
                // unsignedLong values above Long.MAX_VALUE are held as negative longs.
                boolean unsigned = type == ValueType.UNSIGNED_LONG;
                return stored -> {
                    long v;
                    try {
                        v = type.parseInteger(stored);
                    } catch (InvalidTypeException e) {
                        return false;
                    }
                    return holds(operator, unsigned ? Long.compareUnsigned(v, c) : Long.compare(v, c));
                };
            }
            default:
                return stored -> {
                    Value v;
                    try {
                        v = type.parse(stored);
                    } catch (InvalidTypeException e) {
                        return false;
                    }
                    if (equality) {
                        return v.equals(constant) == wantEqual;
                    }
                    return v.isOrderedWith(constant) && holds(operator, v.compareTo(constant));
                };
        }
    }

    /** 1 for true, 0 for false, -1 for a string that is not a boolean. */
    private static int booleanOf(String s) {
        switch (s) {
            case "true":
            case "1":
                return 1;
            case "false":
            case "0":
                return 0;
            default:
                return -1;
        }
    }

    private static boolean holds(Operator operator, int c) {
        switch (operator) {
            case EQUAL:
                return c == 0;
            case NOT_EQUAL:
                return c != 0;
            case LESS:
                return c < 0;
            case GREATER:
                return c > 0;
            case LESS_OR_EQUAL:
                return c <= 0;
            case GREATER_OR_EQUAL:
                return c >= 0;
            default:
                throw new IllegalArgumentException("not an ordering operator: " + operator);
        }
    }

    private static UspException invalid(String where, String reason) {
        return new UspException(ErrorCode.INVALID_PATH_SYNTAX, "Invalid search expression term " + where + ": " + reason);
    }
}
