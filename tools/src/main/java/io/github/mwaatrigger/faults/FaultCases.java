package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.config.Transport;
import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.Fault;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.faults.FaultCase.Reach;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The fault matrix: what MWAA can do wrong to a trigger, each acted out by the emulator. The cases have the
 * same names on both transports; over {@code rest} each is its {@code InvokeRestApi} counterpart (Airflow's
 * answer through MWAA instead of the web server's CLI endpoint; MWAA's own throttling and 5xx on
 * {@code InvokeRestApi} instead of {@code CreateCliToken}), and the few that have none are skipped, saying why.
 */
final class FaultCases {

    /** MWAA's current Airflow 2 line, which takes {@code --no-replace-microseconds}. */
    static final AirflowVersion CURRENT = AirflowVersion.of(2, 10, 3);
    /** Before 2.6: logical dates keep only whole seconds, so triggers within one second collide. */
    static final AirflowVersion BEFORE_2_6 = AirflowVersion.of(2, 5, 1);
    /** How far past the per-call timeout the web server answers in the {@code hang} case. */
    static final Duration HANG_PAST_TIMEOUT = Duration.ofSeconds(2);

    private FaultCases() {
    }

    /** The cases as they are acted out over {@code transport}. */
    static List<FaultCase> all(Transport transport) {
        return transport == Transport.REST ? overRest() : all();
    }

    /** The cases over the CLI transport. */
    static List<FaultCase> all() {
        return List.of(
                webServer("busy-503x3", "the web server answers 503 (busy) 3 times", times(3,
                        new Fault.Status(503, "{\"message\": \"Too many concurrent CLI requests\"}"))),
                webServer("error-500", "the web server answers 500 once", new Fault.Status(500, "")),
                webServer("throttled-429", "the web server answers 429 once", new Fault.Status(429, "")),
                webServer("dropped-before", "the connection drops before the command runs", new Fault.DropConnection()),
                webServer("dropped-after", "the command runs, then the connection drops before the answer",
                        new Fault.LoseAnswer()),
                new FaultCase("hang", "the web server answers " + HANG_PAST_TIMEOUT.toSeconds() + " s after the "
                        + "timeout, past the read time-out (then runs the command)", CURRENT, 1, Duration.ZERO,
                        Reach.EMULATOR, (emulator, timeout) -> emulator.injectCliFaults(
                                new Fault.Delay(timeout.plus(HANG_PAST_TIMEOUT)))),
                webServer("html-body", "200 with an HTML page instead of JSON", new Fault.MalformedBody()),
                webServer("malformed-body", "200 with JSON that is not {stdout, stderr} as strings",
                        new Fault.Status(200, "{\"stdout\": 42, \"stderr\": null}")),
                webServer("bad-base64", "200 with a stdout that is not base64",
                        new Fault.Status(200, "{\"stdout\": \"%%% not base64 %%%\", \"stderr\": \"\"}")),
                webServer("expired-token", "the web server refuses the CLI token as expired (403) once",
                        new Fault.RejectToken()),
                controlPlane("token-throttled", "CreateCliToken answers 400 ThrottlingException 4 times",
                        times(4, new Fault.AwsError(400, "ThrottlingException"))),
                controlPlane("token-5xx", "CreateCliToken answers 500 InternalServerException 5 times",
                        times(5, new Fault.Status(500, ""))),
                unreachable("connection-refused", "nothing listens at the MWAA API endpoint", Reach.REFUSED),
                unreachable("untrusted-certificate", "the MWAA API's certificate is from a CA the JVM does not "
                        + "trust", Reach.UNTRUSTED),
                new FaultCase("same-second", "4 events at once on Airflow " + BEFORE_2_6 + ", where triggers within "
                        + "one second collide on the logical date", BEFORE_2_6, 4, Duration.ZERO, Reach.EMULATOR,
                        none()),
                new FaultCase("burst-50", "50 events at once, each from its own process or container, at a web "
                        + "server that runs 4 commands at once, 200 ms each", CURRENT, 50, Duration.ofMillis(200),
                        Reach.EMULATOR, none()));
    }

    /** The cases over the REST transport: the same names, what each means for {@code InvokeRestApi}. */
    private static List<FaultCase> overRest() {
        int rate = EmulatorConfig.defaults().restRateLimit();
        return List.of(
                airflow("busy-503x3", "Airflow answers 503 (busy) 3 times through InvokeRestApi", times(3,
                        new Fault.Status(503, "{\"detail\": \"busy\"}"))),
                airflow("error-500", "Airflow answers 500 once", new Fault.Status(500, "")),
                airflow("throttled-429", "Airflow answers 429 once", new Fault.Status(429, "")),
                airflow("dropped-before", "the InvokeRestApi connection drops before Airflow gets the call",
                        new Fault.DropConnection()),
                airflow("dropped-after", "Airflow runs the call, then the InvokeRestApi connection drops before the "
                        + "answer", new Fault.LoseAnswer()),
                new FaultCase("hang", "InvokeRestApi answers " + HANG_PAST_TIMEOUT.toSeconds() + " s after the "
                        + "timeout, past the read time-out (then runs the call)", CURRENT, 1, Duration.ZERO,
                        Reach.EMULATOR, (emulator, timeout) -> emulator.injectRestApiFaults(
                                new Fault.Delay(timeout.plus(HANG_PAST_TIMEOUT)))),
                FaultCase.skipped("html-body", "200 with an HTML page instead of JSON", "InvokeRestApi's answer is "
                        + "MWAA's JSON, which the AWS SDK reads; no web server page reaches the client"),
                airflow("malformed-body", "Airflow runs the call, then answers 200 with JSON that is not a DAG run",
                        new Fault.UnreadableAnswer()),
                FaultCase.skipped("bad-base64", "200 with a stdout that is not base64", "InvokeRestApi's answers "
                        + "carry no base64"),
                FaultCase.skipped("expired-token", "the web server refuses the CLI token as expired (403) once",
                        "InvokeRestApi takes no CLI token: every call is signed with SigV4"),
                controlPlane("token-throttled", "InvokeRestApi answers 400 ThrottlingException 4 times (in place "
                        + "of CreateCliToken)", times(4, new Fault.AwsError(400, "ThrottlingException"))),
                controlPlane("token-5xx", "InvokeRestApi answers 500 InternalServerException 5 times (in place of "
                        + "CreateCliToken)", times(5, new Fault.Status(500, ""))),
                unreachable("connection-refused", "nothing listens at the MWAA API endpoint", Reach.REFUSED),
                unreachable("untrusted-certificate", "the MWAA API's certificate is from a CA the JVM does not "
                        + "trust", Reach.UNTRUSTED),
                new FaultCase("same-second", "4 events at once on Airflow " + BEFORE_2_6 + " (through its REST API, "
                        + "which stamps runs to the microsecond)", BEFORE_2_6, 4, Duration.ZERO, Reach.EMULATOR,
                        none()),
                new FaultCase("burst-50", "50 events at once, each from its own process or container, at an "
                        + "InvokeRestApi that takes " + rate + " calls a second (ThrottlingException beyond)",
                        CURRENT, 50, Duration.ZERO, Reach.EMULATOR, none()));
    }

    private static FaultCase airflow(String name, String what, Fault... faults) {
        return new FaultCase(name, what, CURRENT, 1, Duration.ZERO, Reach.EMULATOR,
                (emulator, timeout) -> emulator.injectRestApiFaults(faults));
    }

    private static FaultCase webServer(String name, String what, Fault... faults) {
        return new FaultCase(name, what, CURRENT, 1, Duration.ZERO, Reach.EMULATOR,
                (emulator, timeout) -> emulator.injectCliFaults(faults));
    }

    private static FaultCase controlPlane(String name, String what, Fault... faults) {
        return new FaultCase(name, what, CURRENT, 1, Duration.ZERO, Reach.EMULATOR,
                (emulator, timeout) -> emulator.injectControlPlaneFaults(faults));
    }

    private static FaultCase unreachable(String name, String what, Reach reach) {
        return new FaultCase(name, what, CURRENT, 1, Duration.ZERO, reach, none());
    }

    private static BiConsumer<MwaaEmulator, Duration> none() {
        return (emulator, timeout) -> { };
    }

    private static Fault[] times(int count, Fault fault) {
        return Collections.nCopies(count, fault).toArray(new Fault[0]);
    }
}
