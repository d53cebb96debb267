package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the shuffle against CPython's, stored by make_fixtures.py. */
class PythonRandomTest {

    @Test
    void shuffleMatchesCpython() throws IOException {
        List<String> lines =
                Files.readAllLines(SyntheticImages.fixtures().resolve("python_shuffle.txt"));
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            int n = Integer.parseInt(f[0]);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                idx.add(i);
            }
            new PythonRandom(1234).shuffle(idx);

            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum = (sum + (long) i * idx.get(i)) % (1L << 61);
            }
            assertEquals(Long.parseLong(f[1]), sum, "checksum for n=" + n);
            for (int i = 2; i < f.length; i++) {
                assertEquals(Integer.parseInt(f[i]), idx.get(i - 2), "n=" + n + " at " + (i - 2));
            }
            checked++;
        }
        assertEquals(2, checked);
    }

    @Test
    void splitPutsTheFirstShuffledItemsInTest() {
        // CPython: random.seed(1234); shuffle(range(10)) -> [2, 8, 3, 5, 6, 4, 9, 0, 1, 7]
        List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        Split.Parts<Integer> parts = new Split(1234, 3).apply(items);

        assertEquals(List.of(2, 8, 3), parts.test());
        assertEquals(List.of(5, 6, 4, 9, 0, 1, 7), parts.train());
    }
}
