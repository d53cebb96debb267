package io.github.dwgan.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Extracts the 2048-d pool features of the FID Inception, with pytorch-fid's preprocessing: RGB in
 * [0, 1], bilinear resize to 299 x 299 ({@code align_corners=False}, no antialiasing), then {@code
 * 2 x - 1}.
 *
 * <p>Images are resized one at a time, so a batch may mix sizes (pytorch-fid's loader needs one
 * size per batch; the results are the same).
 */
public final class InceptionFeatureExtractor implements FeatureExtractor {

    private static final int SIZE = 299;

    private final NDManager manager;
    private final FidInception.Network network;
    private final ParameterStore store;
    private final String name;

    private InceptionFeatureExtractor(
            NDManager manager, FidInception.Network network, String name) {
        this.manager = manager;
        this.network = network;
        this.store = new ParameterStore(manager, false);
        this.name = name;
    }

    /**
     * Loads the real FID Inception from pytorch-fid's weights file.
     *
     * @param weights the path of {@value InceptionWeights#FILE_NAME}
     * @return the extractor
     * @throws IOException if the file is missing (the message says where to get it) or wrong
     */
    public static InceptionFeatureExtractor load(Path weights) throws IOException {
        return load(weights, 1);
    }

    /**
     * Loads a FID Inception whose channel counts are divided by {@code divisor} (for tests).
     *
     * @param weights a state dict of the matching network
     * @param divisor 1 for the real network
     * @return the extractor
     * @throws IOException if the file is missing or does not fit
     */
    public static InceptionFeatureExtractor load(Path weights, int divisor) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            FidInception.Network net = FidInception.build(divisor);
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            InceptionWeights.load(net, weights);
            String n =
                    "FID Inception-v3 (pytorch-fid"
                            + (divisor == 1 ? "" : ", channels / " + divisor)
                            + ") from "
                            + weights.getFileName();
            return new InceptionFeatureExtractor(manager, net, n);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String distanceName() {
        return "FID";
    }

    @Override
    public int dimension() {
        return network.features();
    }

    @Override
    public double[][] extract(List<BufferedImage> images) {
        try (NDManager batch = manager.newSubManager()) {
            NDList resized = new NDList(images.size());
            for (BufferedImage img : images) {
                float[] chw = Images.toRgbChw(img);
                NDArray x = batch.create(chw, new Shape(1, 3, img.getHeight(), img.getWidth()));
                // Mode 1 is DJL's bilinear; the PyTorch engine calls interpolate with
                // align_corners=False, as pytorch-fid's F.interpolate.
                resized.add(
                        x.getNDArrayInternal().interpolation(new long[] {SIZE, SIZE}, 1, false));
            }
            NDArray x = NDArrays.concat(resized, 0).mul(2).sub(1);
            NDArray f = network.block().forward(store, new NDList(x), false).singletonOrThrow();
            float[] flat = f.toFloatArray();
            int d = dimension();
            double[][] out = new double[images.size()][d];
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = flat[i * d + j];
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
