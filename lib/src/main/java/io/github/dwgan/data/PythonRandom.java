package io.github.dwgan.data;

import java.util.List;

/**
 * Reproduces CPython's {@code random.seed(int)} and {@code random.shuffle}, so that StarGAN's
 * CelebA split ({@code random.seed(1234); random.shuffle(lines)}) comes out row for row.
 *
 * <p>CPython uses the 32-bit Mersenne Twister MT19937 seeded by {@code init_by_array} with the
 * seed's 32-bit words, and shuffles with Fisher-Yates drawing {@code j} by rejection from {@code
 * getrandbits(bit_length(i + 1))}. This algorithm has been unchanged since Python 3.2; the test
 * checks it against Python 3.11's output on 202,599 rows.
 */
public final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int mti;

    /** Seeds the generator as {@code random.seed(seed)} does for a non-negative int below 2^64. */
    public PythonRandom(long seed) {
        long abs = Math.abs(seed);
        int hi = (int) (abs >>> 32);
        int[] key = hi == 0 ? new int[] {(int) abs} : new int[] {(int) abs, hi};
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** Returns the next 32 random bits ({@code genrand_uint32}) as an unsigned value. */
    public long nextUint32() {
        if (mti >= N) {
            for (int kk = 0; kk < N; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % N] & 0x7fffffff);
                mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** Returns a uniform integer in [0, n) as CPython's {@code _randbelow} (n below 2^31). */
    public int randBelow(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = nextUint32() >>> (32 - k);
        while (r >= n) {
            r = nextUint32() >>> (32 - k);
        }
        return (int) r;
    }

    /** Shuffles {@code list} in place exactly as CPython's {@code random.shuffle}. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = randBelow(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
