package com.alliance.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * DynamoDB Local stores tables in SQLite through sqlite4java, whose native library must be a file
 * on disk. The build copies it to {@code native/} beside the jar (and to target/native for tests).
 */
final class NativeLibraries {

    static final String PROPERTY = "sqlite4java.library.path";

    private NativeLibraries() {
    }

    static void locateSqlite4java() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        for (Path candidate : candidates()) {
            if (Files.isDirectory(candidate)) {
                System.setProperty(PROPERTY, candidate.toAbsolutePath().toString());
                return;
            }
        }
        throw new IllegalStateException("sqlite4java native library not found; build with 'mvn package' "
                + "or pass -D" + PROPERTY + "=DIR");
    }

    private static List<Path> candidates() {
        try {
            Path codeSource = Path.of(NativeLibraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes or target/alliance-local.jar: either way native/ sits in the parent folder
            return List.of(codeSource.getParent().resolve("native"), Path.of("infrastructure", "target", "native"),
                    Path.of("target", "native"));
        } catch (URISyntaxException e) {
            return List.of(Path.of("infrastructure", "target", "native"), Path.of("target", "native"));
        }
    }
}
