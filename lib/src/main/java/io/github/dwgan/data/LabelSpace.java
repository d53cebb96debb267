package io.github.dwgan.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes the domains of a dataset: their names, how labels are read, and which attributes are
 * mutually exclusive (CelebA's hair colours).
 *
 * @param names domain (attribute) names, in label-vector order
 * @param kind single-label (one-hot) or multi-label (attributes)
 * @param exclusiveGroups for {@link LabelKind#MULTI}: index groups of which exactly one is on
 */
public record LabelSpace(List<String> names, LabelKind kind, List<List<Integer>> exclusiveGroups) {

    /** Validates and copies the lists. */
    public LabelSpace {
        names = List.copyOf(names);
        exclusiveGroups = exclusiveGroups.stream().map(List::copyOf).toList();
        if (names.size() < 2) {
            throw new IllegalArgumentException(
                    "A translation needs at least two domains, got "
                            + names.size()
                            + " "
                            + names
                            + ": choose two or more classes or attributes.");
        }
    }

    /** Creates a single-label space with the given domain names. */
    public static LabelSpace singleLabel(List<String> names) {
        return new LabelSpace(names, LabelKind.SINGLE, List.of());
    }

    /** Returns the number of domains, the length of a label vector. */
    public int size() {
        return names.size();
    }

    /** Returns the one-hot vector of domain {@code index}. */
    public float[] oneHot(int index) {
        float[] v = new float[size()];
        v[index] = 1f;
        return v;
    }

    /**
     * Returns the fixed list of target labels used for sample grids and tests, one per domain, as
     * in StarGAN's {@code create_labels}: one-hot for single-label data; for attribute data, the
     * domain set on within its exclusive group (others in the group off) or a binary attribute
     * flipped, all other attributes kept from {@code original}.
     */
    public List<float[]> fixedTargets(float[] original) {
        List<float[]> out = new ArrayList<>();
        for (int d = 0; d < size(); d++) {
            if (kind == LabelKind.SINGLE) {
                out.add(oneHot(d));
                continue;
            }
            float[] t = original.clone();
            List<Integer> group = groupOf(d);
            if (group == null) {
                t[d] = original[d] > 0.5f ? 0f : 1f;
            } else {
                for (int g : group) {
                    t[g] = 0f;
                }
                t[d] = 1f;
            }
            out.add(t);
        }
        return out;
    }

    private List<Integer> groupOf(int d) {
        for (List<Integer> g : exclusiveGroups) {
            if (g.contains(d)) {
                return g;
            }
        }
        return null;
    }
}
