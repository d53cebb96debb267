package io.github.dwgan.model;

/** Names the generator stages whose convolutions can be depthwise separable. */
public enum GeneratorStage {
    /** The 7x7 convolution that reads the image and the label maps. */
    INPUT,
    /** The stride-2 4x4 downsampling convolutions. */
    DOWN,
    /** Both 3x3 convolutions of every residual block in the bottleneck. */
    RESIDUAL,
    /** The stride-2 4x4 transposed convolutions (separable: depthwise transposed + 1x1). */
    UP,
    /** The 7x7 convolution that writes the image. */
    OUTPUT
}
