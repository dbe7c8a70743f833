package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.emulator.EmulatedRun;
import io.github.mwaatrigger.json.JsonWriter;
import java.util.Objects;

/**
 * One event an entry point sends, and how to recognise the runs it started: by a member of their conf
 * that only this event's runs carry (an object key, a scheduled time, an order id), whatever their run id,
 * so that a second run for the event is seen even under another run id.
 *
 * @param payload    what is sent: a Lambda event's JSON, or the command line's words, one per line
 * @param confMember the conf member that identifies the event
 * @param confValue  its value, as compact JSON text
 */
record SuiteEvent(String payload, String confMember, String confValue) {

    private static final JsonWriter JSON = JsonWriter.compact();

    SuiteEvent {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(confMember, "confMember");
        Objects.requireNonNull(confValue, "confValue");
    }

    /** Whether this event started {@code run}. */
    boolean started(EmulatedRun run) {
        return run.conf().get(confMember).map(JSON::write).filter(confValue::equals).isPresent();
    }

    /** {@code text} with {@code target} replaced, for variants of a sample event. */
    static String replacing(String text, String target, String replacement, String source) {
        if (!text.contains(target)) {
            throw new IllegalStateException(source + " no longer contains '" + target + "', which the fault suite "
                    + "replaces to make variants of it: update the suite's entry point for it");
        }
        return text.replace(target, replacement);
    }
}
