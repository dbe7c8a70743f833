package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.mwaa.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Sleeper} that waits for no one: it moves a {@link MutableClock} on by the time asked and
 * remembers each wait, so that tests of code that waits run at once and can check how long it waited.
 */
public final class ClockAdvancingSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new ArrayList<>();

    public ClockAdvancingSleeper(MutableClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    /** Every wait asked for, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
