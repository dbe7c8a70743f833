package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.mwaa.AirflowCli;
import io.github.mwaatrigger.mwaa.CliAnswerTooLargeException;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.CliReply;
import io.github.mwaatrigger.mwaa.Deadline;
import io.github.mwaatrigger.mwaa.Idempotency;
import io.github.mwaatrigger.mwaa.MwaaUnavailableException;
import io.github.mwaatrigger.testing.CommandArguments.Option;
import io.github.mwaatrigger.testing.CommandArguments.UsageException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Airflow of one version, in memory, behind the transport the functions work through: the seam of
 * every product test. It runs the commands the Airflow dialects build ({@code trigger_dag} on 1.10;
 * {@code dags trigger}, {@code dags list-runs} and {@code dags state} on 2.x and 3.x), keeps the runs they make by that
 * version's rules, and prints what that version prints, in the texts of the tools' MWAA emulator.
 *
 * <p>The rules that trip clients up are Airflow's own: 2.2-2.x finds duplicates by run id <em>or</em>
 * logical date; 1.10, 2.0-2.1 and 3.x by run id only, so that a second run at a taken logical date fails
 * on the database's unique constraint; before 2.6 (and from 2.6 without {@code --no-replace-microseconds})
 * the logical date loses its microseconds; from 2.6.3 run ids must match {@code allowed_run_id_pattern}.
 * The logical date is the clock's now unless the command gives one (on 3.x, none unless given).
 *
 * <p>What the trigger service must survive can be scripted call by call ({@link #script}); time and
 * deadlines are not acted out (script {@link Fault#TIMED_OUT} for an MWAA too slow for the deadline), so
 * tests that use it never wait. Thread-safe.
 */
public final class InMemoryAirflow implements AirflowCli {

    /** Airflow's default {@code allowed_run_id_pattern}. */
    public static final String DEFAULT_ALLOWED_RUN_IDS = "^[A-Za-z0-9_.~:+-]+$";

    /** What goes wrong with one call. */
    public enum Fault {
        /**
         * The command runs, but its answer is lost: the client sends it again and reports that an earlier
         * attempt may have run it, as {@code MwaaCliClient} does (for a command that must not run twice, it
         * gives up instead).
         */
        ANSWER_LOST,
        /** MWAA stays busy (its web server's 503) until the deadline; the command does not run. */
        BUSY,
        /** MWAA does not answer in time until the deadline; the command does not run. */
        TIMED_OUT,
        /** MWAA keeps failing until the deadline; the command does not run. */
        FAILING,
        /** The command runs and answers among MWAA's usual noise: log lines on stdout, warnings on stderr. */
        NOISY,
        /**
         * The command runs, but what it prints cannot be read: JSON holding {@code Infinity}, which is not JSON,
         * as an Airflow (or a stand-in) prints a float it could not keep.
         */
        UNREADABLE_ANSWER,
        /** The command fails in Airflow with a traceback of no known kind (a database error); it creates nothing. */
        FAILS_IN_AIRFLOW,
        /**
         * The command runs, but its answer is larger than the client reads (16 MiB): the client reports it
         * without sending the command again, as {@code MwaaCliClient} does.
         */
        ANSWER_TOO_LARGE
    }

    /**
     * A DAG run Airflow holds, as it was asked for, and how far it got.
     *
     * @param logicalDate empty on Airflow 3 when the trigger gave none
     * @param createdAt   when it was triggered (Airflow 3's {@code run_after})
     * @param state       {@code queued} until a test moves it on ({@link #progress})
     * @param startDate   when it started running, once it has
     * @param endDate     when it finished, once it has
     */
    public record Run(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate, Instant createdAt,
            String state, Optional<Instant> startDate, Optional<Instant> endDate) {

        Run(String dagId, String runId, JsonObject conf, Optional<Instant> logicalDate, Instant createdAt) {
            this(dagId, runId, conf, logicalDate, createdAt, "queued", Optional.empty(), Optional.empty());
        }

        /** The date Airflow sorts runs by: the logical date, or the creation time when there is none. */
        Instant sortDate() {
            return logicalDate.orElse(createdAt);
        }
    }

    private final AirflowVersion version;
    private final Clock clock;
    private final AirflowPrintouts printouts;
    private final Set<String> dags;
    private final List<Run> runs = new ArrayList<>();
    private final List<CliCommand> commands = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private Pattern allowedRunIds = Pattern.compile(DEFAULT_ALLOWED_RUN_IDS);

    /** Airflow {@code version} (such as {@code 2.10.3}) with {@code dags} deployed, telling time by {@code clock}. */
    public InMemoryAirflow(String version, Clock clock, String... dags) {
        this.version = AirflowVersion.parse(version);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.printouts = new AirflowPrintouts(this.version);
        this.dags = new HashSet<>(Arrays.asList(dags));
    }

    public synchronized void addDag(String dagId) {
        dags.add(dagId);
    }

    /** Sets the environment's {@code allowed_run_id_pattern}, which Airflow 2.6.3+ checks. */
    public synchronized void allowRunIdsMatching(String pattern) {
        allowedRunIds = Pattern.compile(pattern);
    }

    /** The next calls go wrong as {@code faults} say, one fault each, in order; later calls run normally. */
    public synchronized void script(Fault... faults) {
        this.faults.addAll(List.of(faults));
    }

    /**
     * Moves run {@code runId} of {@code dagId} on, as Airflow's scheduler would: to {@code state}, started and
     * ended when given. Nothing here schedules runs, so they stay {@code queued} until a test does this.
     */
    public synchronized void progress(String dagId, String runId, String state, Optional<Instant> startDate,
            Optional<Instant> endDate) {
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (run.dagId().equals(dagId) && run.runId().equals(runId)) {
                runs.set(i, new Run(dagId, runId, run.conf(), run.logicalDate(), run.createdAt(), state, startDate,
                        endDate));
                return;
            }
        }
        throw new IllegalArgumentException("DAG " + dagId + " has no run " + runId);
    }

    /** Every run, in the order they were made. */
    public synchronized List<Run> runs() {
        return List.copyOf(runs);
    }

    /** Every command Airflow ran, in order (one whose answer was lost ran twice). */
    public synchronized List<CliCommand> commands() {
        return List.copyOf(commands);
    }

    /** The Airflow version it runs; for {@link InMemoryRestApi}, which keeps its runs here. */
    AirflowVersion version() {
        return version;
    }

    Clock clock() {
        return clock;
    }

    synchronized boolean hasDag(String dagId) {
        return dags.contains(dagId);
    }

    synchronized Pattern allowedRunIds() {
        return allowedRunIds;
    }

    /** The runs of {@code dagId}, in the order they were made. */
    synchronized List<Run> runsOf(String dagId) {
        return runs.stream().filter(run -> run.dagId().equals(dagId)).toList();
    }

    /** Keeps a run made through the REST API, beside those the CLI made. */
    synchronized void add(Run run) {
        runs.add(run);
    }

    @Override
    public synchronized CliReply run(CliCommand command, Idempotency idempotency, Deadline deadline) {
        Fault fault = faults.poll();
        if (fault == null) {
            return new CliReply(execute(command), false);
        }
        return switch (fault) {
            case ANSWER_LOST -> afterLostAnswer(command, idempotency);
            case NOISY -> new CliReply(printouts.amidNoise(execute(command), clock.instant()), false);
            case UNREADABLE_ANSWER -> {
                execute(command);
                yield new CliReply(printouts.unreadable(), false);
            }
            case FAILS_IN_AIRFLOW -> {
                commands.add(command);
                yield new CliReply(printouts.databaseError(), false);
            }
            case BUSY -> throw unavailable("the web server answered HTTP 503", MwaaUnavailableException.Reason.BUSY);
            case TIMED_OUT -> throw unavailable("the web server answered HTTP 504",
                    MwaaUnavailableException.Reason.TIMED_OUT);
            case FAILING -> throw unavailable("the web server answered HTTP 500",
                    MwaaUnavailableException.Reason.FAILING);
            case ANSWER_TOO_LARGE -> {
                execute(command);
                throw new CliAnswerTooLargeException("the MWAA web server ran the command, but its answer was larger "
                        + "than 16 MiB, the most this client reads");
            }
        };
    }

    private CliReply afterLostAnswer(CliCommand command, Idempotency idempotency) {
        execute(command);
        if (idempotency == Idempotency.NOT_IDEMPOTENT) {
            throw new MwaaUnavailableException("the connection failed before an answer arrived; the command may or "
                    + "may not have run, and it was not sent again because running it twice could do harm",
                    MwaaUnavailableException.Reason.FAILING);
        }
        return new CliReply(execute(command), true);
    }

    private static MwaaUnavailableException unavailable(String problem, MwaaUnavailableException.Reason reason) {
        return new MwaaUnavailableException("MWAA is unavailable: " + problem + " (gave up after 3 attempts, the "
                + "deadline is near)", reason, 3);
    }

    private CliOutput execute(CliCommand command) {
        commands.add(command);
        List<String> words = command.words();
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        try {
            if (version.major() == 1 && first.equals("trigger_dag")) {
                return trigger(words.subList(1, words.size()));
            }
            if (version.major() == 1 && first.equals("dags")) {
                return printouts.usageError(first, "argument GROUP_OR_COMMAND: invalid choice: 'dags'");
            }
            if (version.major() > 1 && first.equals("trigger_dag")) {
                return printouts.removedCommand(first, "dags trigger");
            }
            if (version.major() > 1 && first.equals("dags") && second.equals("trigger")) {
                return trigger(words.subList(2, words.size()));
            }
            if (version.major() > 1 && first.equals("dags") && second.equals("list-runs")) {
                return listRuns(words.subList(2, words.size()));
            }
            if (version.major() > 1 && first.equals("dags") && second.equals("state")) {
                return state(words.subList(2, words.size()));
            }
        } catch (UsageException e) {
            return printouts.usageError(version.major() == 1 ? first : first + " " + second, e.getMessage());
        }
        throw new UnsupportedOperationException("the in-memory Airflow " + version + " does not run '" + command
                + "': it runs the commands the Airflow dialects build");
    }

    private CliOutput trigger(List<String> args) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, triggerOptions(), List.of("dag_id"));
        Optional<Instant> requestedDate = arguments.value("logical_date").isEmpty() ? Optional.empty()
                : Optional.of(date(arguments.value("logical_date").get(), logicalDateOption()));
        JsonObject conf;
        try {
            conf = arguments.value("conf").isEmpty() ? JsonObject.empty()
                    : Json.parseObject(arguments.value("conf").get(), "conf");
        } catch (JsonParseException e) {
            return printouts.confNotJson();
        }
        String dagId = arguments.positional(0);
        if (!dags.contains(dagId)) {
            return printouts.dagNotFound(dagId);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> logicalDate = logicalDate(requestedDate, now, !arguments.flag("no_replace_microseconds"));
        String runId = arguments.value("run_id")
                .orElse("manual__" + AirflowPrintouts.isoformat(logicalDate.orElse(now)));
        boolean duplicatesByDateToo = version.major() == 2 && version.isAtLeast(2, 2, 0);
        List<Run> ofDag = runs.stream().filter(run -> run.dagId().equals(dagId)).toList();
        boolean dateTaken = logicalDate.isPresent()
                && ofDag.stream().anyMatch(run -> run.logicalDate().equals(logicalDate));
        if (ofDag.stream().anyMatch(run -> run.runId().equals(runId)) || (duplicatesByDateToo && dateTaken)) {
            return printouts.alreadyExists(dagId, runId, logicalDate.orElse(now));
        }
        if (dateTaken) {
            return printouts.uniqueViolation(dagId, logicalDate.get());
        }
        if (version.isAtLeast(2, 6, 3) && !allowedRunIds.matcher(runId).matches()) {
            return printouts.runIdRefused(runId, allowedRunIds.pattern());
        }
        Run run = new Run(dagId, runId, conf, logicalDate, now);
        runs.add(run);
        return printouts.created(run, arguments.value("output").filter("json"::equals).isPresent());
    }

    private List<Option> triggerOptions() {
        List<Option> options = new ArrayList<>(List.of(
                Option.value("run_id", "-r", version.major() == 1 ? "--run_id" : "--run-id"),
                Option.value("conf", "-c", "--conf"),
                Option.value("logical_date", logicalDateOption().split("/"))));
        if (version.isAtLeast(2, 6, 0)) {
            options.add(Option.flag("no_replace_microseconds", "--no-replace-microseconds"));
            options.add(Option.value("output", "-o", "--output"));
        }
        return options;
    }

    private String logicalDateOption() {
        return switch (version.major()) {
            case 1 -> "-e/--exec_date";
            case 2 -> "-e/--exec-date";
            default -> "-l/--logical-date";
        };
    }

    private Optional<Instant> logicalDate(Optional<Instant> requested, Instant now, boolean replaceMicroseconds) {
        if (requested.isEmpty() && version.major() >= 3) {
            return Optional.empty();
        }
        Instant date = requested.map(given -> given.truncatedTo(ChronoUnit.MICROS)).orElse(now);
        return Optional.of(replaceMicroseconds ? date.truncatedTo(ChronoUnit.SECONDS) : date);
    }

    private CliOutput listRuns(List<String> args) throws UsageException {
        List<Option> options = new ArrayList<>(List.of(Option.value("output", "-o", "--output"),
                Option.value("state", "--state"), Option.flag("no_backfill", "--no-backfill"),
                Option.value("start_date", "-s", "--start-date"), Option.value("end_date", "-e", "--end-date")));
        if (version.major() == 2) {
            options.add(Option.value("dag_id", "-d", "--dag-id"));
        }
        CommandArguments arguments = CommandArguments.parse(args, options,
                version.major() == 2 ? List.of() : List.of("dag_id"));
        String dagId = version.major() == 2
                ? arguments.value("dag_id").orElseThrow(() -> new UsageException(
                        "the following arguments are required: -d/--dag-id"))
                : arguments.positional(0);
        Optional<Instant> from = arguments.value("start_date").isEmpty() ? Optional.empty()
                : Optional.of(date(arguments.value("start_date").get(), "-s/--start-date"));
        Optional<Instant> until = arguments.value("end_date").isEmpty() ? Optional.empty()
                : Optional.of(date(arguments.value("end_date").get(), "-e/--end-date"));
        if (!dags.contains(dagId)) {
            return printouts.dagMissing(dagId);
        }
        // DagRun.find: state equal, logical date between the dates (a run without one never matches them)
        List<Run> newestFirst = runs.stream().filter(run -> run.dagId().equals(dagId))
                .filter(run -> arguments.value("state").map(run.state()::equals).orElse(true))
                .filter(run -> from.isEmpty() || run.logicalDate().filter(date -> !date.isBefore(from.get())).isPresent())
                .filter(run -> until.isEmpty() || run.logicalDate().filter(date -> !date.isAfter(until.get())).isPresent())
                .sorted(Comparator.comparing(Run::sortDate).reversed()).toList();
        return printouts.runs(newestFirst, arguments.value("output").filter("json"::equals).isPresent());
    }

    /**
     * {@code dags state DAG EXECUTION_DATE} (2.x), {@code dags state DAG LOGICAL_DATE_OR_RUN_ID} (3.x): the
     * run's state, and its conf if it has one.
     */
    private CliOutput state(List<String> args) throws UsageException {
        String second = version.major() == 3 ? "logical_date_or_run_id" : "execution_date";
        CommandArguments arguments = CommandArguments.parse(args, List.of(Option.value("subdir", "-S", "--subdir")),
                List.of("dag_id", second));
        String dagId = arguments.positional(0);
        if (!dags.contains(dagId)) {
            return printouts.dagMissing(dagId);
        }
        String key = arguments.positional(1);
        List<Run> ofDag = runs.stream().filter(run -> run.dagId().equals(dagId)).toList();
        Optional<Run> run = version.major() == 3
                ? ofDag.stream().filter(candidate -> candidate.runId().equals(key)).findFirst() : Optional.empty();
        if (run.isEmpty()) {
            Instant date = date(key, second);
            run = ofDag.stream().filter(candidate -> candidate.logicalDate().equals(Optional.of(date))).findFirst();
        }
        return printouts.state(run);
    }

    private static Instant date(String text, String option) throws UsageException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("argument " + option + ": invalid parse value: '" + text + "'");
        }
    }
}
