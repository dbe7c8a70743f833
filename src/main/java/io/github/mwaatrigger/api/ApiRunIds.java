package io.github.mwaatrigger.api;

import io.github.mwaatrigger.trigger.RunIds;
import java.time.Clock;

/**
 * Run ids for API requests that do not name one: from an {@code Idempotency-Key}, always the same run id
 * for the same key ({@code api__<key, sanitized>__<hash of the key>}); without one, a new unique id.
 */
final class ApiRunIds {

    /** The longest idempotency key accepted. */
    static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_READABLE = 64;

    private ApiRunIds() {
    }

    static String forIdempotencyKey(String key) {
        return "api__" + RunIds.readableWithoutDots(key, MAX_READABLE, "key") + "__" + RunIds.digest(key, 12);
    }

    static String unique(Clock clock) {
        return RunIds.unique("api", clock);
    }
}
