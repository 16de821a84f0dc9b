package com.alliance.functions.api;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break, quotes inside doubled. Text that a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or CR) is prefixed with an apostrophe, since ids and reasons come from outside.
 */
public final class Csv {

    private Csv() {
    }

    /** One record, CRLF-terminated. */
    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** A field as it must appear in a record. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Text from outside, made inert for spreadsheets: a leading formula character gets an apostrophe. */
    public static String text(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
