package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.cli.FidCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FidCommandTest {

    @TempDir Path tmp;

    @Test
    void computesFidAndKidBetweenFoldersAndAgainstSavedStatistics() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        for (String n : List.of("img_rgb.png", "img_gray.png", "img_rgba.png")) {
            Files.copy(Fixtures.path(n), a.resolve(n));
        }
        Files.copy(Fixtures.path("img_rgb.png"), b.resolve("x.png"));
        Files.copy(Fixtures.path("img_gray.png"), b.resolve("y.png"));
        String w = Fixtures.path("inception_w16.pt").toString();

        String folders =
                run("--inception-weights", w, "--width-divisor", "16", a.toString(), b.toString());
        double fid = number("FID: (\\S+)", folders);
        assertTrue(fid > 0, folders);
        assertTrue(folders.contains("KID: "), folders);

        Path npz = tmp.resolve("b.npz");
        run(
                "--inception-weights",
                w,
                "--width-divisor",
                "16",
                "--save-stats",
                npz.toString(),
                b.toString());
        String mixed =
                run(
                        "--inception-weights",
                        w,
                        "--width-divisor",
                        "16",
                        a.toString(),
                        npz.toString());
        assertEquals(fid, number("FID: (\\S+)", mixed), 1e-6 * fid);
        assertTrue(mixed.contains("KID: not computed"), mixed);

        String same =
                run(
                        "--inception-weights",
                        w,
                        "--width-divisor",
                        "16",
                        npz.toString(),
                        npz.toString());
        assertEquals(0, number("FID: (\\S+)", same), 1e-6);
    }

    @Test
    void failsWithTheWeightsMessageWhenTheFileIsMissing() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new FidCommand());
        cl.setErr(new PrintWriter(err));
        int rc =
                cl.execute(
                        "--inception-weights",
                        tmp.resolve("none.pth").toString(),
                        tmp.toString(),
                        tmp.toString());
        assertTrue(rc != 0);
        assertTrue(err.toString().contains(InceptionWeights.FILE_NAME), err.toString());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new FidCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute(args), out.toString());
        return out.toString();
    }

    private static double number(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), text);
        return Double.parseDouble(m.group(1));
    }
}
