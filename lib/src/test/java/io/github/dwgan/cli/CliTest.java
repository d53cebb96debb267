package io.github.dwgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs subcommands through picocli as the launcher does. */
class CliTest {
    @TempDir Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            Run r = run(sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage: dwgan " + sub), sub + ": " + r.out());
        }
    }

    @Test
    void paramsWritesTheTableWithExactStarGanCounts() throws Exception {
        Path csv = tmp.resolve("params.csv");
        Run r = run("params", "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        String text = java.nio.file.Files.readString(csv);
        assertTrue(text.contains("StarGAN,8500000,8430528"), text);
        assertTrue(text.contains("44762048"), text);
    }

    @Test
    void aMissingDatasetIsAClearError() {
        Run r = run("train", "--data-dir", tmp.resolve("nowhere").toString(), "--iterations",
                "1", "--output", tmp.resolve("run").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("dataset-fashion-mnist"), r.err());
    }

    @Test
    void anImageSizeThatDoesNotSuitTheDiscriminatorIsAClearError() {
        Run r = run("train", "--image-size", "24", "--iterations", "1", "--output",
                tmp.resolve("run").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not suit the discriminator"), r.err());
    }
}
