package org.relops.slavealloc.service;

/** Writes Java strings as Python string literals, the way Python's {@code repr} would. */
final class PythonLiteral {

    private PythonLiteral() {
    }

    static String repr(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        value.codePoints().forEach(point -> {
            switch (point) {
                case '\\' -> literal.append("\\\\");
                case '\'' -> literal.append("\\'");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (point < 0x20 || point == 0x7f) {
                        literal.append(String.format("\\x%02x", point));
                    } else {
                        literal.appendCodePoint(point);
                    }
                }
            }
        });
        return literal.append('\'').toString();
    }
}
