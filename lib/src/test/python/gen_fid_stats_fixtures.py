"""Writes the reference fixtures for the Frechet distance, KID and .npz tests.

Run with Debian's numpy/scipy:  /usr/bin/python3 lib/src/test/python/gen_fid_stats_fixtures.py
Outputs go to lib/src/test/resources/fixtures/fid/ (a few kilobytes each).

The reference Frechet distance is pytorch-fid's calculate_frechet_distance (fid_score.py,
v0.3.0), written out below because pytorch-fid is not installed here; it calls
scipy.linalg.sqrtm on sigma1 @ sigma2.

    /usr/bin/python3 gen_fid_stats_fixtures.py --check FILE.npz
prints the arrays of an .npz written by the Java code (proof that numpy reads it).
"""
import os
import sys

import numpy as np
from scipy import linalg

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'fixtures', 'fid')


def frechet_distance_pytorch_fid(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance, line for line."""
    mu1 = np.atleast_1d(mu1)
    mu2 = np.atleast_1d(mu2)
    sigma1 = np.atleast_2d(sigma1)
    sigma2 = np.atleast_2d(sigma2)
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    offset_used = False
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
        offset_used = True
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError('Imaginary component {}'.format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean, offset_used


def frechet_distance_eigh(mu1, sigma1, mu2, sigma2):
    """Independent check: Tr sqrt(S1 S2) from the eigenvalues of sqrt(S1) S2 sqrt(S1)."""
    w, v = linalg.eigh(sigma1)
    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    m = r @ sigma2 @ r
    tr = np.sqrt(np.clip(linalg.eigvalsh((m + m.T) / 2), 0, None)).sum()
    diff = mu1 - mu2
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr


def save_case(name, x=None, y=None, mu1=None, sigma1=None, mu2=None, sigma2=None):
    arrays = {}
    if x is not None:
        arrays.update(x=x, y=y)
        mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
        sigma1, sigma2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    fid, offset = frechet_distance_pytorch_fid(mu1, sigma1, mu2, sigma2)
    check = frechet_distance_eigh(mu1, sigma1, mu2, sigma2)
    print('%-16s fid %.12g (offset %s)  eigh %.12g  rel diff %.2e'
          % (name, fid, offset, check, abs(fid - check) / abs(fid)))
    arrays.update(mu1=mu1, sigma1=sigma1, mu2=mu2, sigma2=sigma2,
                  fid=np.array([fid]), offset_used=np.array([float(offset)]))
    np.savez(os.path.join(OUT, 'frechet_%s.npz' % name), **arrays)


def mmd2_unbiased(x, y):
    """Unbiased MMD^2 with the kernel (x.y / d + 1)^3, as in Binkowski et al. and torch-fidelity."""
    d = x.shape[1]
    kxx = (x @ x.T / d + 1) ** 3
    kyy = (y @ y.T / d + 1) ** 3
    kxy = (x @ y.T / d + 1) ** 3
    m = x.shape[0]
    return ((kxx.sum() - np.trace(kxx)) / (m * (m - 1))
            + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
            - 2 * kxy.sum() / (m * m))


def main():
    rng = np.random.default_rng(20240517)
    os.makedirs(OUT, exist_ok=True)

    # Full rank: 8 dimensions, 50 and 60 correlated samples.
    a = rng.normal(size=(8, 8))
    x = rng.normal(size=(50, 8)) @ a + 0.5
    y = rng.normal(size=(60, 8)) @ (a + 0.3 * rng.normal(size=(8, 8))) - 0.2
    save_case('full_rank', x=x, y=y)

    # Rank-deficient: 10 samples in 32 dimensions (rank 9 covariances), as with 140 images.
    save_case('rank_deficient', x=rng.normal(size=(10, 32)) + 1.0,
              y=rng.gamma(2.0, size=(12, 32)))

    # Near-singular: eigenvalues from 1e-14 to 1 in 16 dimensions.
    q1, _ = np.linalg.qr(rng.normal(size=(16, 16)))
    q2, _ = np.linalg.qr(rng.normal(size=(16, 16)))
    s1 = (q1 * np.logspace(-14, 0, 16)) @ q1.T
    s2 = (q2 * np.logspace(-10, 0.5, 16)) @ q2.T
    save_case('near_singular', mu1=rng.normal(size=16), sigma1=(s1 + s1.T) / 2,
              mu2=rng.normal(size=16), sigma2=(s2 + s2.T) / 2)

    # KID: 40 and 50 samples in 16 dimensions, 5 subsets of 30 drawn without replacement.
    kx = rng.normal(size=(40, 16))
    ky = rng.normal(size=(50, 16)) * 1.2 + 0.3
    n_subsets, size = 5, 30
    ix = np.stack([rng.choice(40, size, replace=False) for _ in range(n_subsets)])
    iy = np.stack([rng.choice(50, size, replace=False) for _ in range(n_subsets)])
    mmds = np.array([mmd2_unbiased(kx[ix[i]], ky[iy[i]]) for i in range(n_subsets)])
    full = mmd2_unbiased(kx[:40], ky[:40])
    print('kid subsets', mmds, 'mean', mmds.mean(), 'std', mmds.std(), 'first40', full)
    np.savez(os.path.join(OUT, 'kid.npz'), x=kx, y=ky, ix=ix.astype(np.float64),
             iy=iy.astype(np.float64), mmds=mmds, mean=np.array([mmds.mean()]),
             std=np.array([mmds.std()]), first40=np.array([full]))

    # .npz as pytorch-fid writes it: mu float32 (mean of float32 activations), sigma float64.
    act = rng.normal(size=(7, 3)).astype(np.float32)
    np.savez(os.path.join(OUT, 'pytorch_fid_style_stats.npz'),
             mu=np.mean(act, axis=0), sigma=np.cov(act, rowvar=False))
    np.savez(os.path.join(OUT, 'pytorch_fid_style_expected.npz'),
             mu=np.mean(act, axis=0).astype(np.float64), sigma=np.cov(act, rowvar=False))
    # The bytes numpy writes for known float64 arrays, to compare with ours.
    np.savez(os.path.join(OUT, 'numpy_written_f64.npz'),
             mu=np.array([1.5, -2.0, 3.25]), sigma=np.arange(6, dtype=np.float64).reshape(2, 3))
    # Big-endian and Fortran-ordered arrays.
    np.savez(os.path.join(OUT, 'npz_orders.npz'),
             fortran=np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
             big=np.arange(4, dtype='>f8'))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        with np.load(sys.argv[2]) as f:
            for k in f.files:
                print(k, f[k].dtype, f[k].shape, f[k].ravel()[:5])
    else:
        main()
