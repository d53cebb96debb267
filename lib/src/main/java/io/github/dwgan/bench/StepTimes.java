package io.github.dwgan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dwgan.model.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Holds the timed iterations of one implementation on one architecture and size: seconds of each
 * discriminator step (with the gradient penalty and its Adam update) and each generator step (with
 * its Adam update), the Adam updates alone, and the process's peak resident memory.
 *
 * @param impl "ours" or "pytorch"
 * @param arch the architecture
 * @param imageSize image size in pixels
 * @param batch batch size
 * @param device "cpu" or "gpu"
 * @param d seconds of each D step, Adam included
 * @param dAdam seconds of each D Adam update
 * @param g seconds of each G step, Adam included
 * @param gAdam seconds of each G Adam update
 * @param dCpu CPU seconds (all threads) of each D step, empty when not measured
 * @param gCpu CPU seconds (all threads) of each G step, empty when not measured
 * @param peakRssMb peak resident memory of the process (MiB)
 */
public record StepTimes(
        String impl,
        Architecture arch,
        int imageSize,
        int batch,
        String device,
        double[] d,
        double[] dAdam,
        double[] g,
        double[] gAdam,
        double[] dCpu,
        double[] gCpu,
        double peakRssMb) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Returns the median of the values (the mean of the middle two for an even count). */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    /** Returns the smallest value. */
    public static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** Returns the largest value. */
    public static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /**
     * Joins the records of repeated runs (separate processes) of one implementation, architecture
     * and size: the timed iterations of all runs, and the highest peak memory.
     *
     * @throws IllegalArgumentException when the records are of different runs' kinds
     */
    public static StepTimes merge(List<StepTimes> runs) {
        StepTimes f = runs.get(0);
        for (StepTimes t : runs) {
            if (!t.impl.equals(f.impl)
                    || t.arch != f.arch
                    || t.imageSize != f.imageSize
                    || t.batch != f.batch
                    || !t.device.equals(f.device)) {
                throw new IllegalArgumentException(
                        "Cannot merge " + t.impl + " " + t.arch + " with " + f.impl + " " + f.arch);
            }
        }
        return new StepTimes(
                f.impl,
                f.arch,
                f.imageSize,
                f.batch,
                f.device,
                concat(runs, StepTimes::d),
                concat(runs, StepTimes::dAdam),
                concat(runs, StepTimes::g),
                concat(runs, StepTimes::gAdam),
                concat(runs, StepTimes::dCpu),
                concat(runs, StepTimes::gCpu),
                runs.stream().mapToDouble(StepTimes::peakRssMb).max().orElse(Double.NaN));
    }

    private static double[] concat(List<StepTimes> runs, Function<StepTimes, double[]> field) {
        return runs.stream().map(field).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Writes the record as one JSON line, in the format of {@code bench/pytorch_reference.py}. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("impl", impl);
        o.put("arch", arch.paperName());
        o.put("image_size", imageSize);
        o.put("batch", batch);
        o.put("device", device);
        put(o, "d", d);
        put(o, "d_adam", dAdam);
        put(o, "g", g);
        put(o, "g_adam", gAdam);
        put(o, "d_cpu", dCpu);
        put(o, "g_cpu", gCpu);
        o.put("peak_rss_mb", peakRssMb);
        return o.toString();
    }

    /**
     * Parses a JSON line written by {@link #toJson} or by the PyTorch reference script.
     *
     * @throws IllegalArgumentException when the line is not such a record
     */
    public static StepTimes fromJson(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            return new StepTimes(
                    o.get("impl").asText(),
                    Architecture.parse(o.get("arch").asText()),
                    o.get("image_size").asInt(),
                    o.get("batch").asInt(),
                    o.path("device").asText("cpu"),
                    array(o.get("d")),
                    array(o.get("d_adam")),
                    array(o.get("g")),
                    array(o.get("g_adam")),
                    array(o.get("d_cpu")),
                    array(o.get("g_cpu")),
                    o.get("peak_rss_mb").asDouble());
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a benchmark record: " + line, e);
        }
    }

    private static void put(ObjectNode o, String key, double[] v) {
        var a = o.putArray(key);
        for (double x : v) {
            a.add(x);
        }
    }

    private static double[] array(JsonNode a) {
        List<Double> out = new ArrayList<>();
        if (a == null) {
            return new double[0];
        }
        a.forEach(x -> out.add(x.asDouble()));
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
