package io.github.mwaatrigger.mwaa;

import java.util.Objects;

/**
 * An {@link AirflowCli} that counts the attempts the calls of each thread make, so that whoever makes a
 * trigger on a thread can tell how many attempts it took: the attempts a reply reports (retries and a
 * replaced token included), those after which MWAA stayed unavailable, one for a command the web server
 * refused or answered too largely, and none when no CLI token could be had. The count is per thread
 * because a trigger runs on its caller's thread and a process may serve several callers at once.
 */
public final class CountingAirflowCli implements AirflowCli, AttemptCounter {

    private final AirflowCli cli;
    private final ThreadAttempts attempts = new ThreadAttempts();

    public CountingAirflowCli(AirflowCli cli) {
        this.cli = Objects.requireNonNull(cli, "cli");
    }

    @Override
    public CliReply run(CliCommand command, Idempotency idempotency, Deadline deadline) {
        try {
            CliReply reply = cli.run(command, idempotency, deadline);
            attempts.add(reply.attempts());
            return reply;
        } catch (MwaaUnavailableException e) {
            attempts.add(e.attempts());
            throw e;
        } catch (MwaaRejectedException | CliAnswerTooLargeException e) {
            attempts.add(1);
            throw e;
        }
    }

    /** How many attempts the calls this thread made through this transport have taken so far. */
    @Override
    public long attemptsOnThisThread() {
        return attempts.attemptsOnThisThread();
    }
}
