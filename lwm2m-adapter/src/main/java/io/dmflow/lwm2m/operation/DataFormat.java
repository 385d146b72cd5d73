package io.dmflow.lwm2m.operation;

import java.util.Locale;

/** The LwM2M data formats (CoAP Content-Formats) a Read may ask a device for. */
public enum DataFormat {
    TEXT(0),
    LINK(40),
    OPAQUE(42),
    CBOR(60),
    SENML_JSON(110),
    SENML_CBOR(112),
    TLV(11542),
    JSON(11543);

    private final int code;

    DataFormat(int code) {
        this.code = code;
    }

    /** The CoAP Content-Format number, e.g. 11542 for TLV. */
    public int code() {
        return code;
    }

    /**
     * The format a flow names by its number ({@code 11542}) or its name in any case, with {@code -} or {@code _}
     * ({@code senml-json}).
     *
     * @throws IllegalArgumentException for a format LwM2M does not define
     */
    public static DataFormat parse(String text) {
        String trimmed = text.trim();
        for (DataFormat format : values()) {
            if (format.name().equals(trimmed.toUpperCase(Locale.ROOT).replace('-', '_'))
                    || String.valueOf(format.code).equals(trimmed)) {
                return format;
            }
        }
        throw new IllegalArgumentException("not an LwM2M data format: " + text);
    }
}
