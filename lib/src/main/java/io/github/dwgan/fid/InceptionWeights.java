package io.github.dwgan.fid;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.dwgan.engine.ProjectHome;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Locates and loads pytorch-fid's FID Inception weights ({@value #FILE_NAME}) into a {@link
 * FidInception.Network}. Nothing is downloaded.
 */
public final class InceptionWeights {

    /** The file name pytorch-fid downloads and caches. */
    public static final String FILE_NAME = "pt_inception-2015-12-05-6726825d.pth";

    /** Where pytorch-fid's release publishes the file. */
    public static final String URL =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + FILE_NAME;

    /** The system property that names the weights file. */
    public static final String PROPERTY = "dwgan.inception.weights";

    /** The environment variable that names the weights file. */
    public static final String ENV = "DWGAN_INCEPTION_WEIGHTS";

    private InceptionWeights() {}

    /**
     * Returns the configured weights path: the system property {@value #PROPERTY}, else the
     * environment variable {@value #ENV}, else {@code data/weights/}{@value #FILE_NAME}.
     */
    public static Path defaultPath() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return p == null || p.isBlank()
                ? ProjectHome.resolve(Path.of("data", "weights", FILE_NAME))
                : Path.of(p);
    }

    /**
     * Returns the message for a missing weights file: its name, where to get it, where to put it.
     */
    public static String missingMessage(Path path) {
        return "FID Inception weights not found at "
                + path.toAbsolutePath()
                + ". Download "
                + FILE_NAME
                + " (pytorch-fid's release, about 92 MB) from "
                + URL
                + " on a machine with internet access, and put it at that path, or point -D"
                + PROPERTY
                + ", the environment variable "
                + ENV
                + " or the command's --inception-weights option at it. A pytorch-fid install"
                + " caches it under ~/.cache/torch/hub/checkpoints/.";
    }

    /**
     * Loads a state dict into an initialized network, checking every name and shape.
     *
     * <p>Keys of the 1008-class classifier ({@code fc.*}) and {@code num_batches_tracked} are
     * ignored: the pool features do not use them.
     *
     * @param network the network, its block already initialized (float32)
     * @param file the {@code .pth} file
     * @throws IOException if the file is missing, unreadable, or does not fit the network
     */
    public static void load(FidInception.Network network, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(missingMessage(file));
        }
        Map<String, PthReader.Tensor> tensors = PthReader.read(file);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : network.parameters().entrySet()) {
            PthReader.Tensor t = tensors.get(e.getKey());
            Shape expected = network.shapes().get(e.getKey());
            Shape actual = e.getValue().getArray().getShape();
            if (!actual.equals(expected)) {
                throw new IllegalStateException(
                        "network parameter "
                                + e.getKey()
                                + " has shape "
                                + actual
                                + ", expected "
                                + expected);
            }
            if (t == null) {
                problems.add("missing " + e.getKey());
            } else if (!new Shape(t.shape()).equals(expected)) {
                problems.add(
                        e.getKey()
                                + " has shape "
                                + Arrays.toString(t.shape())
                                + ", expected "
                                + expected);
            }
        }
        for (String k : tensors.keySet()) {
            if (!network.parameters().containsKey(k) && !k.startsWith("fc.")) {
                problems.add("unexpected " + k);
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(
                    file
                            + " does not fit the FID Inception ("
                            + problems.size()
                            + " problems): "
                            + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                            + (problems.size() > 5 ? "; ..." : ""));
        }
        for (Map.Entry<String, Parameter> e : network.parameters().entrySet()) {
            e.getValue().getArray().set(tensors.get(e.getKey()).data());
        }
    }
}
