package com.alliance.settlement;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV for bank files: CRLF record ends on writing, a field quoted when it holds a comma, a quote or
 * a line break, quotes inside doubled; reading accepts CRLF or LF ends and a leading UTF-8 byte-order mark
 * (spreadsheets save one). No formula escaping: the bank reads these, and names are validated on entry.
 */
public final class BankCsv {

    private BankCsv() {
    }

    /** One record, CRLF-terminated. */
    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = fields.get(i) == null ? "" : fields.get(i);
            boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return line.append("\r\n").toString();
    }

    /** A record read, with its 1-based record number in the file (the header is record 1). */
    public record Record(int number, List<String> fields) {
    }

    /** A file the reader could not take apart, and the record where it failed. */
    public static final class MalformedException extends RuntimeException {
        private final int record;

        MalformedException(int record, String message) {
            super(message);
            this.record = record;
        }

        public int record() {
            return record;
        }
    }

    /** Every record of the text; blank lines are skipped (a trailing line end is not a record). */
    public static List<Record> parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int number = 1;
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new MalformedException(number, "a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    records.add(new Record(number, List.copyOf(fields)));
                    number++;
                }
                fields.clear();
            } else {
                if (wasQuoted) {
                    throw new MalformedException(number, "text after a closing quote");
                }
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new MalformedException(number, "a quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            records.add(new Record(number, List.copyOf(fields)));
        }
        return records;
    }
}
