package io.github.mwaatrigger.faults;

import java.time.Duration;
import java.util.Map;

/** A way a trigger enters mwaa-trigger: the command line, or one of the Lambda functions. */
interface EntryPoint {

    /** Its short name, for {@code --entry} and the report: {@code cli}, {@code upload}, {@code schedule}, {@code api}. */
    String name();

    /**
     * Event {@code index} (from 0) of a case; event 0 is the sample as it is ({@code events/}, or the
     * README's command line), the others are variants of it with their own identity.
     */
    SuiteEvent event(int index);

    /**
     * A deployment (a process of the command-line tool, a Lambda container) whose environment variables
     * point it at MWAA as {@code connection} says, given {@code timeout} per event.
     */
    Deployment deploy(Map<String, String> connection, Duration timeout);

    /** One deployment of an entry point. */
    interface Deployment {
        /** Delivers {@code event} once and reports what the sender sees. */
        Attempt send(SuiteEvent event);
    }
}
