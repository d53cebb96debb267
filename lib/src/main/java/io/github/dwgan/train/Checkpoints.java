package io.github.dwgan.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and finds checkpoints so that a crash never leaves a half-written one in use.
 *
 * <p>A checkpoint is a folder {@code checkpoints/iter-NNNNNNN}. It is written under a temporary
 * name, then renamed in one atomic step; only then is the {@code latest} pointer (itself written to
 * a temporary file and renamed) moved to it. A crash at any point leaves the previous checkpoint
 * and pointer intact; leftover temporary folders are removed on the next write.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final String PREFIX = "iter-";
    private static final String TMP = ".tmp-";

    /** Receives each file name as it is written; tests use it to simulate a crash. */
    static Consumer<String> faultInjector = name -> {};

    private final Path dir;
    private final int keep;

    /**
     * Creates the store.
     *
     * @param dir the checkpoints folder (created when absent)
     * @param keep how many recent checkpoints to keep
     */
    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** Writes one file of a checkpoint being assembled. */
    @FunctionalInterface
    public interface Part {
        /**
         * Writes the file.
         *
         * @param file the path to write
         * @throws IOException when writing fails
         */
        void write(Path file) throws IOException;
    }

    /**
     * Writes a checkpoint from named parts and makes it the latest.
     *
     * @param iteration the number of finished iterations
     * @param parts file name to writer, in writing order
     * @return the checkpoint folder
     * @throws IOException when writing fails (the previous checkpoint stays the latest)
     */
    public Path write(int iteration, List<java.util.Map.Entry<String, Part>> parts)
            throws IOException {
        Files.createDirectories(dir);
        removeTemporaries();
        String name = String.format("%s%07d", PREFIX, iteration);
        Path tmp = dir.resolve(TMP + name);
        Files.createDirectories(tmp);
        for (var part : parts) {
            part.getValue().write(tmp.resolve(part.getKey()));
            faultInjector.accept(part.getKey());
        }
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            deleteTree(target);
        }
        move(tmp, target);
        Path pointer = dir.resolve(TMP + "latest");
        Files.writeString(pointer, name + "\n", StandardCharsets.UTF_8);
        move(pointer, dir.resolve("latest"));
        prune();
        LOG.debug("checkpoint {}", target);
        return target;
    }

    /** Returns the latest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        Path pointer = dir.resolve("latest");
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        Path p = dir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        if (!Files.isDirectory(p)) {
            throw new IOException(
                    "Checkpoint pointer "
                            + pointer
                            + " names "
                            + p
                            + ", which is missing. Delete the pointer to start over, or restore"
                            + " the folder.");
        }
        return Optional.of(p);
    }

    /** Returns the iteration number of a checkpoint folder. */
    public static int iterationOf(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring(PREFIX.length()));
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(all::add);
        }
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private void removeTemporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TMP)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
