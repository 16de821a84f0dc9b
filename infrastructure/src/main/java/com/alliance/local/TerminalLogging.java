package com.alliance.local;

/**
 * Makes the programs a person runs in a terminal (the local marketplace, the benchmarks) log readable
 * lines ({@code log4j2-terminal.xml}) instead of the JSON that Lambda's log pipeline reads. Call it first
 * thing in {@code main}, before any class asks for a logger; a {@code -Dlog4j2.configurationFile} given on
 * the command line wins.
 */
public final class TerminalLogging {

    private TerminalLogging() {
    }

    public static void use() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-terminal.xml");
        }
    }
}
