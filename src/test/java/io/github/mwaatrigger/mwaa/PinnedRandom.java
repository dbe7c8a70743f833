package io.github.mwaatrigger.mwaa;

import java.util.random.RandomGenerator;

/**
 * Draws that always fall on the same end of the range asked for, so that a test can state the exact
 * delay a {@link Backoff} picks: {@link #HIGHEST} gives the ceiling of every full-jitter delay,
 * {@link #LOWEST} gives zero.
 */
enum PinnedRandom implements RandomGenerator {
    LOWEST {
        @Override
        public long nextLong(long bound) {
            return 0;
        }
    },
    HIGHEST {
        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Unbounded draws have no end to pin to; failing loudly tells a test that relied on them. */
    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are pinned");
    }
}
