package com.alliance.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web console's static files, read from the classpath under {@code console/}: no server-side
 * rendering, so the same files can sit in S3 behind CloudFront in AWS. Only plain names with a known
 * extension are served; anything else (dot segments, encoded characters, directories) is not found.
 */
final class ConsoleAssets {

    static final String ROOT = "console/";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** Segments start with a letter or digit, so "." and ".." can never be one; no '%', no '\'. */
    private static final Pattern SAFE_PATH =
            Pattern.compile("(?:[A-Za-z0-9][A-Za-z0-9_-]*/){0,4}[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.([a-z0-9]+)");

    /** A file ready to send: its bytes, content type and a strong validator for conditional requests. */
    record Asset(String name, byte[] body, String contentType, String etag) {

        boolean isPage() {
            return contentType.startsWith("text/html");
        }
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    ConsoleAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** The asset for a request path ({@code /} is the console's page), if there is one. */
    Optional<Asset> find(String rawPath) {
        String name = rawPath.equals("/") ? "index.html" : rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        var matcher = SAFE_PATH.matcher(name);
        if (!matcher.matches() || !TYPES.containsKey(matcher.group(1))) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, n -> load(n, TYPES.get(matcher.group(1))));
    }

    /** A file outside the console's folder, read once from the classpath; it must be there. */
    static Asset resource(ClassLoader loader, String name, String contentType) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            byte[] body = in.readAllBytes();
            return new Asset(name, body, contentType, etag(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private Optional<Asset> load(String name, String contentType) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(name, body, contentType, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console asset " + name, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
