package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PthReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"zip_small.pt", "legacy_small.pt"})
    void readsFloatTensorsOfBothFormats(String file) throws IOException {
        Map<String, PthReader.Tensor> t = PthReader.read(Fixtures.path(file));
        // The int64 num_batches_tracked is skipped.
        assertEquals(Set.of("a.weight", "b.bias"), t.keySet());
        assertArrayEquals(new long[] {2, 3}, t.get("a.weight").shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.get("a.weight").data(), 0);
        assertEquals("DoubleStorage", t.get("b.bias").storageType());
        assertArrayEquals(new float[] {1.5f, -2.5f}, t.get("b.bias").data(), 0);
    }
}
