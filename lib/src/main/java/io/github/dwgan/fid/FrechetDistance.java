package io.github.dwgan.fid;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the Frechet distance between two Gaussians, the FID of Heusel et al. (2017), "GANs
 * Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", Eq. (6):
 *
 * <pre>
 *   d^2 = |mu1 - mu2|^2 + Tr(S1) + Tr(S2) - 2 Tr( sqrt(S1 S2) )
 * </pre>
 *
 * <p>Deviation from pytorch-fid, which calls {@code scipy.linalg.sqrtm(S1 S2)} (a Schur method on a
 * non-symmetric matrix): here {@code Tr sqrt(S1 S2)} is taken as {@code Tr sqrt(M)} with the
 * symmetric positive semi-definite {@code M = sqrt(S1) S2 sqrt(S1)}, which has the same eigenvalues
 * as {@code S1 S2}. Both roots come from symmetric eigendecompositions, which stay accurate where
 * the product is singular (fewer samples than dimensions). The results agree with scipy to 1e-6
 * relative on the committed fixtures, rank-deficient ones included.
 *
 * <p>As in pytorch-fid, when the root fails (here: it does not square back to {@code M} within
 * {@link #ROOT_TOLERANCE}, e.g. for a covariance that is not positive semi-definite) the
 * computation is repeated with {@code eps} added to both diagonals, with a warning; if it still
 * fails, an {@link ArithmeticException} is thrown (pytorch-fid raises on a large imaginary part).
 */
public final class FrechetDistance {

    /** pytorch-fid's default diagonal offset for a near-singular product. */
    public static final double DEFAULT_EPS = 1e-6;

    /** The largest relative Frobenius residual |R R - M| / |M| accepted for the root R of M. */
    public static final double ROOT_TOLERANCE = 1e-6;

    private static final Logger LOG = LoggerFactory.getLogger(FrechetDistance.class);

    private FrechetDistance() {}

    /**
     * Holds a distance and its parts.
     *
     * @param distance the squared Frechet distance d^2 (what FID reports)
     * @param meanTerm |mu1 - mu2|^2
     * @param traceSqrtProduct Tr sqrt(S1 S2)
     * @param rootResidual the relative residual of the square root that was used
     * @param offsetApplied whether the eps offset was needed
     */
    public record Result(
            double distance,
            double meanTerm,
            double traceSqrtProduct,
            double rootResidual,
            boolean offsetApplied) {}

    /**
     * Returns the Frechet distance between two sets of statistics with pytorch-fid's eps.
     *
     * @param a the first statistics
     * @param b the second statistics
     * @return d^2
     */
    public static double compute(FeatureStatistics a, FeatureStatistics b) {
        return compute(a.mu(), a.sigma(), b.mu(), b.sigma(), DEFAULT_EPS).distance();
    }

    /**
     * Returns the Frechet distance between N(mu1, sigma1) and N(mu2, sigma2) and its parts.
     *
     * @param mu1 the first mean
     * @param sigma1 the first covariance (symmetric; only its symmetric part is used)
     * @param mu2 the second mean
     * @param sigma2 the second covariance
     * @param eps the diagonal offset tried when the root fails
     * @return the distance and its parts
     * @throws IllegalArgumentException if shapes differ or values are not finite
     * @throws ArithmeticException if no accurate root exists even with the offset
     */
    public static Result compute(
            double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2, double eps) {
        int d = mu1.length;
        if (mu2.length != d || sigma1.length != d || sigma2.length != d) {
            throw new IllegalArgumentException(
                    "dimensions differ: mu1 "
                            + d
                            + ", mu2 "
                            + mu2.length
                            + ", sigma1 "
                            + sigma1.length
                            + ", sigma2 "
                            + sigma2.length);
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = symmetric(sigma1, "sigma1");
        DMatrixRMaj s2 = symmetric(sigma2, "sigma2");
        if (!Double.isFinite(meanTerm)) {
            throw new IllegalArgumentException("means are not finite");
        }

        Root root = traceSqrtProduct(s1, s2);
        boolean offset = false;
        if (!(root.residual <= ROOT_TOLERANCE)) {
            LOG.warn(
                    "fid calculation produces singular product (root residual {}); adding {} to"
                            + " diagonal of cov estimates",
                    root.residual,
                    eps);
            DMatrixRMaj o1 = s1.copy();
            DMatrixRMaj o2 = s2.copy();
            for (int i = 0; i < d; i++) {
                o1.add(i, i, eps);
                o2.add(i, i, eps);
            }
            root = traceSqrtProduct(o1, o2);
            offset = true;
            if (!(root.residual <= ROOT_TOLERANCE)) {
                throw new ArithmeticException(
                        "square root of the covariance product is inaccurate even with eps "
                                + eps
                                + " (relative residual "
                                + root.residual
                                + "); are both covariances positive semi-definite?");
            }
        }

        double distance =
                meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * root.trace;
        return new Result(distance, meanTerm, root.trace, root.residual, offset);
    }

    private record Root(double trace, double residual) {}

    /** Returns Tr sqrt(M), M = sqrt(S1) S2 sqrt(S1), and how well the root of M squares to M. */
    private static Root traceSqrtProduct(DMatrixRMaj s1, DMatrixRMaj s2) {
        int d = s1.numRows;
        SymmetricRoot rootS1 = SymmetricRoot.of(s1);
        DMatrixRMaj sqrtS1 = rootS1.matrix;
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(sqrtS1, s2, tmp);
        CommonOps_DDRM.mult(tmp, sqrtS1, m);
        symmetrize(m);

        SymmetricRoot rootM = SymmetricRoot.of(m);
        CommonOps_DDRM.mult(rootM.matrix, rootM.matrix, tmp);
        double normM = NormOps_DDRM.normF(m);
        CommonOps_DDRM.subtractEquals(tmp, m);
        double residual = normM == 0 ? NormOps_DDRM.normF(tmp) : NormOps_DDRM.normF(tmp) / normM;
        // sqrt(S1) must square back to S1 too: its clipped negative eigenvalues are its residual.
        return new Root(rootM.trace, Math.max(residual, rootS1.clippedResidual));
    }

    /** Square root of a symmetric matrix by eigendecomposition, negative eigenvalues clipped. */
    private static final class SymmetricRoot {
        final DMatrixRMaj matrix;
        final double trace;
        final double clippedResidual;

        private SymmetricRoot(DMatrixRMaj matrix, double trace, double clippedResidual) {
            this.matrix = matrix;
            this.trace = trace;
            this.clippedResidual = clippedResidual;
        }

        static SymmetricRoot of(DMatrixRMaj a) {
            int d = a.numRows;
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
            if (!eig.decompose(a.copy())) {
                throw new ArithmeticException("symmetric eigendecomposition did not converge");
            }
            // V diag(sqrt(l)) V^T, built as W W^T with W = V diag(l^(1/4)).
            DMatrixRMaj w = new DMatrixRMaj(d, d);
            double trace = 0;
            double negative = 0;
            double all = 0;
            for (int k = 0; k < d; k++) {
                double raw = eig.getEigenvalue(k).getReal();
                all += raw * raw;
                negative += raw < 0 ? raw * raw : 0;
                double l = Math.max(raw, 0);
                trace += Math.sqrt(l);
                double s = Math.sqrt(Math.sqrt(l));
                DMatrixRMaj v = eig.getEigenVector(k);
                for (int i = 0; i < d; i++) {
                    w.set(i, k, v.get(i) * s);
                }
            }
            DMatrixRMaj root = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransB(w, w, root);
            double clipped = all == 0 ? 0 : Math.sqrt(negative / all);
            return new SymmetricRoot(root, trace, clipped);
        }
    }

    private static DMatrixRMaj symmetric(double[][] a, String name) {
        DMatrixRMaj m = new DMatrixRMaj(a);
        for (double v : m.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " has a non-finite value");
            }
        }
        symmetrize(m);
        return m;
    }

    private static void symmetrize(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }
}
