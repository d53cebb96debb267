package io.github.dwgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.bench.StepTimes;
import io.github.dwgan.model.Architecture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Rebuilds a benchmark's reports from saved timings, without measuring anything. */
class BenchCommandTest {

    @TempDir Path dir;

    private static StepTimes times(String impl, int size, int batch, String device, double d) {
        return new StepTimes(
                impl,
                Architecture.DEPTHWISE_DG,
                size,
                batch,
                device,
                new double[] {d, d + 2, d - 0.5},
                new double[] {0.01},
                new double[] {2 * d},
                new double[] {0.01},
                new double[] {d},
                new double[] {2 * d},
                1000);
    }

    @Test
    void replotWritesOneReportPerSizeAndDevice() throws IOException {
        List<StepTimes> rows =
                List.of(
                        times("ours", 64, 16, "cpu", 1.0),
                        times("pytorch", 64, 16, "cpu", 1.5),
                        times("ours", 128, 4, "cpu", 3.0),
                        times("pytorch", 128, 4, "cpu", 4.0),
                        times("ours", 128, 16, "gpu", 0.25),
                        times("pytorch", 128, 16, "gpu", 0.5));
        Files.write(dir.resolve("raw.jsonl"), rows.stream().map(StepTimes::toJson).toList());
        Files.writeString(
                dir.resolve("peak.csv"),
                "impl,matmul_n,threads,gflops\nours,2048,2,90.00\npytorch,2048,2,120.00\n");

        int rc = new CommandLine(new BenchCommand()).execute("--replot", "--out", dir.toString());

        assertEquals(0, rc);
        for (String tag : List.of("64px-b16", "128px-b4", "128px-b16-gpu")) {
            assertTrue(Files.isRegularFile(dir.resolve("steps-" + tag + ".csv")), tag);
            assertTrue(Files.isRegularFile(dir.resolve("steps-" + tag + ".png")), tag);
        }
        List<String> cpu = Files.readAllLines(dir.resolve("steps-128px-b4.csv"));
        assertEquals(5, cpu.size()); // header, then D and G of two implementations
        // ours at 128 px: D times 3, 5, 2.5 -> median 3; the peak is the better engine's, 120.
        String d = cpu.get(1);
        assertTrue(d.startsWith("ours,DepthwiseDG,128,4,cpu,D,3.0000,2.5000,5.0000,3,"), d);
        assertTrue(d.contains(",120.0,"), d);
        List<String> gpu = Files.readAllLines(dir.resolve("steps-128px-b16-gpu.csv"));
        assertTrue(gpu.get(1).contains(",NaN,"), gpu.get(1)); // no GPU peak is measured
        List<String> all = Files.readAllLines(dir.resolve("steps.csv"));
        assertEquals(1 + 2 * rows.size(), all.size());
        assertTrue(all.get(all.size() - 1).contains(",gpu,G,") && all.get(11).contains(",NaN,"));
    }

    @Test
    void replotWithABadPeakFileNamesIt() throws IOException {
        Files.write(dir.resolve("raw.jsonl"), List.of(times("ours", 64, 16, "cpu", 1.0).toJson()));
        Files.writeString(dir.resolve("peak.csv"), "impl,matmul_n,threads,gflops\nours,2048,2,x\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int rc = cmd.execute("--replot", "--out", dir.toString());

        assertNotEquals(0, rc);
        assertTrue(err.toString().contains(dir.resolve("peak.csv") + ": not a GFLOP/s value"));
    }

    @Test
    void replotWithoutARunNamesTheMissingFile() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int rc = cmd.execute("--replot", "--out", dir.toString());

        assertNotEquals(0, rc);
        assertTrue(err.toString().contains(dir.resolve("raw.jsonl").toString()), err.toString());
    }
}
