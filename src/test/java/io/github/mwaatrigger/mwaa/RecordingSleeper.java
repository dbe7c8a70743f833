package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Waits without sleeping: records each wait and moves the test's clock past it. */
final class RecordingSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    /** Every wait so far, in order. */
    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
