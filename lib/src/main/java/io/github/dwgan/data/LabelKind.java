package io.github.dwgan.data;

/** Says how a dataset's domain label vector is read, which decides the classification loss. */
public enum LabelKind {
    /** Exactly one domain is on (one-hot); classified with softmax cross-entropy. */
    SINGLE,
    /** Independent binary attributes (CelebA); classified with per-attribute sigmoid BCE. */
    MULTI
}
