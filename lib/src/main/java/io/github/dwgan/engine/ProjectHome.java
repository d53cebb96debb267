package io.github.dwgan.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project folder, so that project-relative paths ({@code results/...}, {@code data/...})
 * mean the same from the command line and from a notebook kernel, which runs in {@code notebooks/}.
 */
public final class ProjectHome {
    private ProjectHome() {}

    /**
     * Returns {@code $DWGAN_HOME} when set, else the nearest folder at or above the working
     * directory that holds the {@code dwgan} launcher and {@code lib/}, else the working directory.
     */
    public static Path find() {
        String h = System.getenv("DWGAN_HOME");
        if (h != null && !h.isBlank()) {
            return Path.of(h).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("dwgan")) && Files.isDirectory(p.resolve("lib"))) {
                return p;
            }
        }
        return cwd;
    }

    /** Resolves a project-relative path against {@link #find()}; absolute paths are kept. */
    public static Path resolve(Path relative) {
        return relative.isAbsolute() ? relative : find().resolve(relative);
    }
}
