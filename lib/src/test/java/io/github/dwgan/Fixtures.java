package io.github.dwgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dwgan.engine.NativeArrays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the committed reference fixtures written by {@code lib/src/test/python}. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** Returns the fixture folder (the {@code dwgan.fixtures} property set by Surefire). */
    public static Path dir() {
        return Path.of(System.getProperty("dwgan.fixtures", "src/test/resources/fixtures"));
    }

    /** Reads a JSON fixture relative to the fixture folder. */
    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(Files.readString(dir().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the shape of a {@code {"shape", "data"}} entry. */
    public static Shape shape(JsonNode entry) {
        JsonNode s = entry.get("shape");
        long[] dims = new long[s.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.get(i).asLong();
        }
        return new Shape(dims);
    }

    /** Returns the data of an entry as floats. */
    public static float[] floats(JsonNode entry) {
        JsonNode d = entry.get("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d.get(i).asDouble();
        }
        return v;
    }

    /** Creates a float32 array from an entry. */
    public static NDArray array(NDManager manager, JsonNode entry) {
        return NativeArrays.copyOf(manager, floats(entry), shape(entry));
    }

    /**
     * Returns the largest absolute difference between {@code actual} and the entry, scaled by
     * max(1, |expected|) elementwise.
     */
    public static double maxRelDiff(NDArray actual, JsonNode entry) {
        float[] a = actual.toFloatArray();
        JsonNode d = entry.get("data");
        if (a.length != d.size()) {
            throw new AssertionError("size " + a.length + " vs fixture " + d.size());
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double e = d.get(i).asDouble();
            worst = Math.max(worst, Math.abs(a[i] - e) / Math.max(1.0, Math.abs(e)));
        }
        return worst;
    }
}
