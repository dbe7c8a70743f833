package io.github.mwaatrigger.mwaa;

import java.time.Duration;

/** Waits between attempts; a seam so that tests can observe the waits. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
