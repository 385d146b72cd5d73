package io.dmflow.template.expression;

/** The static types of the task language, checked before any FEEL is written. */
public record Type(Kind kind, Type element) {

    public enum Kind {
        STRING,
        INT,
        LONG,
        DOUBLE,
        BOOLEAN,
        DATE,
        NULL,
        LIST,
        SET,
        MAP,
        DEVICE,
        TASK,
        DATES
    }

    public static final Type STRING = of(Kind.STRING);
    public static final Type INT = of(Kind.INT);
    public static final Type LONG = of(Kind.LONG);
    public static final Type DOUBLE = of(Kind.DOUBLE);
    public static final Type BOOLEAN = of(Kind.BOOLEAN);
    public static final Type DATE = of(Kind.DATE);
    public static final Type NULL = of(Kind.NULL);
    public static final Type MAP = of(Kind.MAP);
    public static final Type DEVICE = of(Kind.DEVICE);
    public static final Type TASK = of(Kind.TASK);
    public static final Type DATES = of(Kind.DATES);
    public static final Type STRING_LIST = list(STRING);
    public static final Type STRING_SET = new Type(Kind.SET, STRING);

    private static Type of(Kind kind) {
        return new Type(kind, null);
    }

    public static Type list(Type element) {
        return new Type(Kind.LIST, element);
    }

    public boolean isNumber() {
        return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE;
    }

    public boolean isIntegral() {
        return kind == Kind.INT || kind == Kind.LONG;
    }

    public boolean isCollection() {
        return kind == Kind.LIST || kind == Kind.SET;
    }

    /** The wider of two numeric types, as Scala widens Int to Long to Double. */
    static Type widerNumber(Type a, Type b) {
        if (a.kind == Kind.DOUBLE || b.kind == Kind.DOUBLE) {
            return DOUBLE;
        }
        if (a.kind == Kind.LONG || b.kind == Kind.LONG) {
            return LONG;
        }
        return INT;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRING -> "String";
            case INT -> "Int";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case NULL -> "null";
            case LIST -> "List[" + element + "]";
            case SET -> "Set[" + element + "]";
            case MAP -> "Map[String,String]";
            case DEVICE -> "device";
            case TASK -> "task";
            case DATES -> "date";
        };
    }
}
