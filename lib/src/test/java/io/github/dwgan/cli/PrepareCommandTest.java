package io.github.dwgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.data.CachedDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the prepare command on a small folder dataset and on a bad root. */
class PrepareCommandTest {

    @TempDir Path dir;

    @Test
    void prepareFolderWritesACacheTrainingCanOpen() throws IOException {
        for (String d : new String[] {"a", "b"}) {
            for (int i = 0; i < 3; i++) {
                Path f = dir.resolve("data").resolve(d).resolve(i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(
                        new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", f.toFile());
            }
        }
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new PrepareCommand()).setOut(new PrintWriter(out));

        int rc =
                cmd.execute(
                        "--format",
                        "folder",
                        "--root",
                        dir.resolve("data").toString(),
                        "--out",
                        dir.resolve("cache").toString(),
                        "--image-size",
                        "16",
                        "--test-count",
                        "2",
                        "--no-progress",
                        "--threads",
                        "1");

        assertEquals(0, rc);
        assertTrue(out.toString().startsWith("Prepared 4 train and 2 test images into "));
        CachedDataset train = CachedDataset.open(dir.resolve("cache"), "folder", "train");
        assertEquals(4, train.size());
        assertEquals(16, train.imageSize());
        assertEquals(0, train.manifest().preprocessing().cropSize()); // largest square
    }

    @Test
    void badRootExitsWithTheMessage() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new PrepareCommand()).setErr(new PrintWriter(err));

        int rc = cmd.execute("--format", "celeba", "--root", dir.toString(), "--no-progress");

        assertEquals(2, rc);
        assertTrue(
                err.toString()
                        .startsWith(
                                "prepare: CelebA attribute file"
                                        + " list_attr_celeba.txt not found in "
                                        + dir),
                err.toString());
    }
}
