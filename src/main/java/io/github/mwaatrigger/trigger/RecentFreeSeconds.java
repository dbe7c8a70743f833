package io.github.mwaatrigger.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Chooses the logical date of a run that lost its second to another run of the same DAG, on the Airflow
 * versions that zero the microseconds of "now" (before 2.6), where a DAG gets at most one run per second.
 *
 * <p>The date is one of the {@link #CANDIDATES} most recent whole seconds, up to now, that no run is known to
 * hold, chosen at random. Past seconds can be sent at once (a logical date in the future would make the run
 * wait for it), and the random choice spreads callers that collided together, each possibly in a process of
 * its own, over different seconds instead of sending them all into the next one again.
 */
final class RecentFreeSeconds {

    /** How many free seconds one is chosen among: enough for a burst of dozens of callers at once. */
    static final int CANDIDATES = 60;

    private RecentFreeSeconds() {
    }

    /**
     * A free second up to {@code now}, at random.
     *
     * @param taken the seconds (epoch seconds) that runs of the DAG hold, or that were already tried
     */
    static Instant pick(Instant now, Set<Long> taken, RandomGenerator random) {
        List<Long> free = new ArrayList<>(CANDIDATES);
        for (long second = now.getEpochSecond(); free.size() < CANDIDATES; second--) {
            if (!taken.contains(second)) {
                free.add(second);
            }
        }
        return Instant.ofEpochSecond(free.get(random.nextInt(free.size())));
    }
}
