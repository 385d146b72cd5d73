package io.dmflow.template.output;

/** Escaping for attribute values and text written by hand, so output is byte-for-byte predictable. */
final class XmlText {

    private XmlText() {}

    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
