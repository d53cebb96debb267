package io.github.dwgan.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.ConvTranspose2d;
import io.github.dwgan.nn.DepthwiseSeparableConv2d;

/** Builds a convolution as a standard or a depthwise separable layer. */
final class Layers {
    private Layers() {}

    /** Returns a standard or a depthwise separable k x k convolution. */
    static Block conv(
            boolean separable, int in, int out, int k, int stride, int pad, boolean bias) {
        return separable
                ? new DepthwiseSeparableConv2d(in, out, k, stride, pad, bias)
                : new Conv2dLayer(in, out, k, stride, pad, 1, bias);
    }

    /**
     * Returns the 4x4 stride-2 upsampling layer: a transposed convolution, or its separable form (a
     * depthwise transposed convolution then a 1x1 convolution). No bias, as in StarGAN's G.
     */
    static Block upsample(boolean separable, int in, int out) {
        if (!separable) {
            return new ConvTranspose2d(in, out, 1, false);
        }
        return new SequentialBlock()
                .add(new ConvTranspose2d(in, in, in, false))
                .add(new Conv2dLayer(in, out, 1, 1, 0, 1, false));
    }
}
