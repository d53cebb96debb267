package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir Path tmp;

    @Test
    void readsPytorchFidStyleStatistics() throws IOException {
        // mu is float32 and sigma float64 in files written by pytorch-fid.
        FeatureStatistics s = FeatureStatistics.load(Fixtures.path("pytorch_fid_style_stats.npz"));
        Map<String, Npz.Array> expected = Fixtures.npz("pytorch_fid_style_expected.npz");
        assertEquals(3, s.dimension());
        assertEquals(0, s.count());
        assertArrayEquals(expected.get("mu").data(), s.mu(), 0);
        double[][] sigma = expected.get("sigma").toMatrix();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(sigma[i], s.sigma()[i], 0);
        }
    }

    @Test
    void readsNumpyFloat64BigEndianAndFortranOrder() throws IOException {
        Map<String, Npz.Array> a = Fixtures.npz("numpy_written_f64.npz");
        assertArrayEquals(new double[] {1.5, -2.0, 3.25}, a.get("mu").data(), 0);
        assertArrayEquals(new long[] {2, 3}, a.get("sigma").shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, a.get("sigma").data(), 0);

        Map<String, Npz.Array> o = Fixtures.npz("npz_orders.npz");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, o.get("fortran").data(), 0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, o.get("big").data(), 0);
    }

    @Test
    void writesTheSameBytesAsNumpySavez() throws IOException {
        // Equal .npy bytes to numpy's own output means numpy reads ours exactly as its own.
        Map<String, Npz.Array> arrays = new LinkedHashMap<>();
        arrays.put("mu", Npz.Array.of(new double[] {1.5, -2.0, 3.25}));
        arrays.put("sigma", Npz.Array.of(new double[][] {{0, 1, 2}, {3, 4, 5}}));
        Path ours = tmp.resolve("ours.npz");
        Npz.write(ours, arrays);

        Map<String, byte[]> expected = entries(Fixtures.path("numpy_written_f64.npz"));
        Map<String, byte[]> actual = entries(ours);
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k), actual.get(k), k);
        }
    }

    @Test
    void roundTripsStatistics() throws IOException {
        double[][] sigma = {{2, 0.5}, {0.5, 1}};
        FeatureStatistics s = new FeatureStatistics(new double[] {0.1, Math.PI}, sigma, 9);
        Path f = tmp.resolve("stats.npz");
        s.save(f);
        FeatureStatistics back = FeatureStatistics.load(f);
        assertArrayEquals(s.mu(), back.mu(), 0);
        assertArrayEquals(sigma[0], back.sigma()[0], 0);
        assertArrayEquals(sigma[1], back.sigma()[1], 0);
    }

    @Test
    void namesMissingArrays() throws IOException {
        Path f = tmp.resolve("other.npz");
        Npz.write(f, Map.of("x", Npz.Array.of(new double[] {1})));
        IOException e = assertThrows(IOException.class, () -> FeatureStatistics.load(f));
        assertEquals(true, e.getMessage().contains("'mu' and 'sigma'"), e.getMessage());
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
