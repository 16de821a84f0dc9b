package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's message catalogue: messages.zh-CN.json and messages.en.json hold the same keys with the same
 * {placeholders}, every key a script names exists, and no script shows a sentence of its own instead of one
 * from the catalogue (as far as a scan of its string literals can tell).
 */
class ConsoleCatalogueTest {

    private static final Path CONSOLE = Path.of("src/main/resources/console");
    private static final List<String> LANGUAGES = List.of("zh-CN", "en");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** A key a script passes to t(), tn() or tc(), or names as a section or screen introduction. */
    private static final Pattern KEY_USE = Pattern.compile(
            "\\b(t|tn|tc)\\(\\s*'([A-Za-z0-9_.-]+)'|'((?:nav|gmv\\.intro)\\.[A-Za-z0-9_.-]+)'");
    /** Two words in a row: text meant for a reader, not a code, key or id. */
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]{2,}[ ,;!?’']+[A-Za-z]{2,}");
    private static final Pattern CJK = Pattern.compile("[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]");
    /** Literals with spaces that are not words for a reader: CSS selectors, protocol values, example codes. */
    private static final Set<String> TECHNICAL = Set.of(".field-error, .form-error", "openid email", "FOOD, HOME",
            // content types and a file input's accepted types: codes, not sentences
            "text/plain; charset=utf-8", "text/csv; charset=utf-8", "text/csv;charset=utf-8", ".csv,text/csv");

    private static Map<String, String> catalogue(String language) throws IOException {
        JsonNode json = new ObjectMapper().readTree(CONSOLE.resolve("messages." + language + ".json").toFile());
        Map<String, String> messages = new LinkedHashMap<>();
        json.fields().forEachRemaining(entry -> messages.put(entry.getKey(), entry.getValue().asText()));
        return messages;
    }

    private static Map<String, String> scripts() throws IOException {
        Map<String, String> scripts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(CONSOLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
                scripts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return scripts;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholdersAndNoEmptyMessage() throws IOException {
        Map<String, String> zh = catalogue("zh-CN");
        Map<String, String> en = catalogue("en");
        assertThat(zh).isNotEmpty();
        Set<String> onlyZh = new TreeSet<>(zh.keySet());
        onlyZh.removeAll(en.keySet());
        Set<String> onlyEn = new TreeSet<>(en.keySet());
        onlyEn.removeAll(zh.keySet());
        assertThat(onlyZh).as("keys in zh-CN but not in en").isEmpty();
        assertThat(onlyEn).as("keys in en but not in zh-CN").isEmpty();
        List<String> problems = new ArrayList<>();
        zh.forEach((key, message) -> {
            if (!placeholders(message).equals(placeholders(en.get(key)))) {
                problems.add(key + ": zh-CN " + placeholders(message) + " vs en " + placeholders(en.get(key)));
            }
            if (message.isBlank() || en.get(key).isBlank()) {
                problems.add(key + ": empty");
            }
        });
        assertThat(problems).as("placeholders must match and messages be non-empty").isEmpty();
    }

    @Test
    void theDateTimeFormatShowsTheZoneInBothLanguages() throws IOException {
        assertThat(catalogue("zh-CN").get("time.dateTime")).isEqualTo("{date} {time}（北京时间）");
        assertThat(catalogue("en").get("time.dateTime")).isEqualTo("{date} {time} (CST, UTC+8)");
    }

    @Test
    void everyKeyAScriptNamesIsInTheCatalogue() throws IOException {
        Map<String, String> zh = catalogue("zh-CN");
        Set<String> missing = new TreeSet<>();
        int uses = 0;
        for (Map.Entry<String, String> script : scripts().entrySet()) {
            Matcher use = KEY_USE.matcher(script.getValue());
            while (use.find()) {
                uses++;
                String key = use.group(2) != null ? use.group(2) : use.group(3);
                List<String> keys = "tc".equals(use.group(1)) ? List.of(key + ".one", key + ".other") : List.of(key);
                keys.stream().filter(k -> !zh.containsKey(k)).forEach(k -> missing.add(script.getKey() + ": " + k));
            }
        }
        assertThat(uses).as("the scan finds the scripts' keys").isGreaterThan(300);
        assertThat(missing).isEmpty();
    }

    @Test
    void noScriptShowsWordsThatAreNotFromTheCatalogue() throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> script : scripts().entrySet()) {
            if (script.getKey().equals("i18n.js")) {
                continue;
            }
            for (Literal literal : literals(script.getValue())) {
                boolean words = WORDS.matcher(literal.text).find() || CJK.matcher(literal.text).find();
                if (words && !literal.classList && !TECHNICAL.contains(literal.text)) {
                    found.add(script.getKey() + ":" + literal.line + ": " + literal.text);
                }
            }
        }
        assertThat(found).as("user-facing text belongs in messages.*.json, shown with t(key)").isEmpty();
    }

    @Test
    void theScanSeesALiteralSentenceAndIgnoresClassListsAndComments() {
        List<Literal> literals = literals("// a comment, with words\nh('p', { class: 'muted small' }, 'Hello there', "
                + "`Loaded ${n} things`, t('ui.key'));\n/* more words here */ const u = 'http://x.y/z';");
        assertThat(literals).extracting(l -> l.text).containsExactly("p", "muted small", "Hello there", "Loaded  things",
                "ui.key", "http://x.y/z");
        assertThat(literals.get(1).classList).isTrue();
        assertThat(literals.get(2).classList).isFalse();
        assertThat(literals.get(5).line).isEqualTo(3);
    }

    private static Set<String> placeholders(String message) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message == null ? "" : message);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A string literal's text (a template literal's fixed parts), its line, and whether it is a class attribute. */
    record Literal(String text, int line, boolean classList) {
    }

    /**
     * The string literals of a script, skipping comments. A small scanner, not a JavaScript parser: enough for
     * the console's plain style (no regex literal holds a quote).
     */
    static List<Literal> literals(String source) {
        List<Literal> literals = new ArrayList<>();
        int i = 0;
        int line = 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i) && !precededByColon(source, i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                line += count(source.substring(i, end));
                i = end;
            } else if (c == '\'' || c == '"' || c == '`') {
                StringBuilder text = new StringBuilder();
                int start = i;
                i++;
                int depth = 0;
                while (i < source.length()) {
                    char d = source.charAt(i);
                    if (d == '\\' && i + 1 < source.length()) {
                        if (depth == 0) {
                            text.append(source.charAt(i + 1));
                        }
                        i += 2;
                        continue;
                    }
                    if (c == '`' && depth == 0 && source.startsWith("${", i)) {
                        depth = 1;
                        i += 2;
                        continue;
                    }
                    if (depth > 0) {
                        depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                        i++;
                        continue;
                    }
                    if (d == c) {
                        break;
                    }
                    text.append(d);
                    i++;
                }
                String before = source.substring(Math.max(0, start - 12), start).replaceAll("\\s+", "");
                literals.add(new Literal(text.toString(), line, before.endsWith("class:") || before.endsWith("className=")));
                line += count(source.substring(start, Math.min(i + 1, source.length())));
                i++;
            } else {
                i++;
            }
        }
        return literals;
    }

    /** "http://" inside a string is handled by the string branch; this guards a URL outside one, e.g. in a regex. */
    private static boolean precededByColon(String source, int at) {
        return at > 0 && source.charAt(at - 1) == ':';
    }

    private static int count(String text) {
        return (int) text.chars().filter(ch -> ch == '\n').count();
    }
}
