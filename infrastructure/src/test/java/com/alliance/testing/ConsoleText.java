package com.alliance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * What the console says in one language, read from its catalogue (src/main/resources/console/messages.*.json),
 * so a browser test asserts the words a reader of that language sees, and the China Standard Time form of an instant.
 */
public final class ConsoleText {

    private static final DateTimeFormatter CST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final String language;
    private final JsonNode messages;

    private ConsoleText(String language, JsonNode messages) {
        this.language = language;
        this.messages = messages;
    }

    /** "zh-CN" or "en". */
    public static ConsoleText of(String language) {
        try {
            return new ConsoleText(language, new ObjectMapper().readTree(
                    Path.of("src/main/resources/console/messages." + language + ".json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String language() {
        return language;
    }

    /** The message of a key with {name} placeholders filled from name, value pairs. */
    public String t(String key, Object... params) {
        JsonNode message = messages.get(key);
        if (message == null) {
            throw new IllegalArgumentException("no message " + key + " in " + language);
        }
        String text = message.asText();
        for (int i = 0; i + 1 < params.length; i += 2) {
            text = text.replace("{" + params[i] + "}", String.valueOf(params[i + 1]));
        }
        return text;
    }

    /** An instant as the console shows it: "2026-11-30 11:28:35（北京时间）" or "2026-11-30 11:28:35 (CST, UTC+8)". */
    public String dateTime(Instant instant) {
        String[] parts = CST.format(instant).split(" ");
        return t("time.dateTime", "date", parts[0], "time", parts[1]);
    }

    /** Any date and time in the console's China Standard Time form of this language. */
    public Pattern dateTimePattern() {
        return Pattern.compile(Pattern.quote(t("time.dateTime")).replace("{date}", "\\E\\d{4}-\\d{2}-\\d{2}\\Q")
                .replace("{time}", "\\E\\d{2}:\\d{2}:\\d{2}\\Q"));
    }
}
