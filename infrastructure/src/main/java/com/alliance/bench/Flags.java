package com.alliance.bench;

import com.alliance.local.TerminalLogging;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's command line: whole-number flags with a default, a lower bound and a line of help.
 * {@code --help} prints them and exits; an unknown flag, a missing value or a value out of range is
 * refused with the usage (exit 2), never run with a default in its place.
 */
public final class Flags {

    /** {@code --name N}: a whole number of at least {@code min} ({@code 100_000} reads as 100000). */
    public record Flag(String name, long fallback, long min, String help) {
    }

    private final Map<String, Long> values;

    private Flags(Map<String, Long> values) {
        this.values = values;
    }

    /**
     * Reads {@code args} for {@code command} (first thing in {@code main}: it also makes logs readable),
     * exiting on {@code --help} or a refused flag.
     */
    public static Flags parse(String command, String summary, String[] args, Flag... flags) {
        TerminalLogging.use();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(usage(command, summary, flags));
            System.exit(0);
        }
        try {
            return read(args, flags);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage(command, summary, flags));
            System.exit(2);
            throw e;
        }
    }

    /** The values {@code args} give, defaults for the rest; refuses what it does not know. */
    static Flags read(String[] args, Flag... flags) {
        Map<String, Flag> known = new LinkedHashMap<>();
        Map<String, Long> values = new LinkedHashMap<>();
        for (Flag flag : flags) {
            known.put(flag.name(), flag);
            values.put(flag.name(), flag.fallback());
        }
        for (int i = 0; i < args.length; i++) {
            Flag flag = known.get(args[i]);
            if (flag == null) {
                throw new IllegalArgumentException("unknown flag: " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.name() + " needs a value");
            }
            String text = args[++i];
            long value;
            try {
                value = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag.name() + " needs a whole number, not " + text);
            }
            if (value < flag.min()) {
                throw new IllegalArgumentException(flag.name() + " must be at least " + flag.min() + ", not " + value);
            }
            values.put(flag.name(), value);
        }
        return new Flags(values);
    }

    static String usage(String command, String summary, Flag... flags) {
        StringBuilder out = new StringBuilder("usage: java -cp infrastructure/target/alliance-local.jar com.alliance.bench."
                + command + " [flags]\n" + summary + "\n");
        for (Flag flag : flags) {
            out.append(String.format("  %-18s %s (default %,d)%n", flag.name() + " N", flag.help(), flag.fallback()));
        }
        out.append(String.format("  %-18s %s%n", "--help", "this text"));
        return out.toString();
    }

    public int intValue(String name) {
        return Math.toIntExact(longValue(name));
    }

    public long longValue(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no flag " + name + " declared");
        }
        return value;
    }
}
