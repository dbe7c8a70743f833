package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.trigger.DagRunRequest;
import io.github.mwaatrigger.trigger.RunIds;
import io.github.mwaatrigger.trigger.TriggerResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code trigger DAG_ID [--conf JSON] [--run-id ID] [--logical-date ISO-8601] [--transport cli|rest]}: starts a
 * DAG run and prints it as one JSON object, the same on both transports. With {@code --run-id} it is idempotent:
 * a repeat reports the existing run.
 */
final class TriggerSubcommand implements Subcommand {

    private static final Set<String> OPTIONS = options();
    private final Function<Settings, MwaaServices> services;

    TriggerSubcommand(Function<Settings, MwaaServices> services) {
        this.services = services;
    }

    private static Set<String> options() {
        Set<String> names = new HashSet<>(ConnectionOptions.NAMES);
        names.addAll(Set.of("--conf", "--run-id", "--logical-date", ConnectionOptions.TRANSPORT));
        return Set.copyOf(names);
    }

    @Override
    public String summary() {
        return "Starts a run of DAG_ID and prints it as one JSON line with its outcome (CREATED or ALREADY_EXISTED); with --run-id a repeat reports the existing run. --transport rest goes through MWAA's InvokeRestApi (Airflow 2.4.3 or later) instead of a CLI token.";
    }

    @Override
    public String usage() {
        return "trigger DAG_ID [--conf JSON] [--run-id ID] [--logical-date ISO-8601] " + ConnectionOptions.TRANSPORT_USAGE
                + " " + ConnectionOptions.USAGE;
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, OPTIONS, false);
        if (arguments.positionals().size() != 1) {
            throw new UsageException("give exactly one DAG id, e.g. trigger my_dag --conf '{\"key\": \"value\"}'");
        }
        Settings settings = ConnectionOptions.settings(arguments, console.environment());
        MwaaServices mwaa = services.apply(settings);
        WarmUp.inBackground("sdk-client", mwaa::prepare);
        DagRunRequest request = request(arguments);
        try {
            TriggerResult result = mwaa.dagRuns().trigger(request, ConnectionOptions.deadline(arguments));
            console.out().println(JsonWriter.compact().write(result.toJson()));
            return ExitCode.OK;
        } catch (TriggerFailure e) {
            console.fail(e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private static DagRunRequest request(Arguments arguments) throws UsageException {
        String dagId = arguments.positionals().get(0);
        JsonObject conf;
        try {
            conf = arguments.option("--conf").map(text -> Json.parseObject(text, "--conf")).orElse(JsonObject.empty());
        } catch (JsonParseException e) {
            throw new UsageException("--conf must be a JSON object such as '{\"key\": \"value\"}': " + e.getMessage());
        }
        String runId = arguments.option("--run-id").orElseGet(RunIds::unique);
        Optional<Instant> logicalDate = Optional.empty();
        if (arguments.option("--logical-date").isPresent()) {
            String text = arguments.option("--logical-date").get();
            try {
                logicalDate = Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                throw new UsageException("--logical-date must be an ISO 8601 date-time with an offset, such as "
                        + "2024-06-01T00:00:00Z, got '" + text + "'");
            }
        }
        try {
            return new DagRunRequest(dagId, runId, conf, logicalDate);
        } catch (TriggerFailure e) {
            throw new UsageException(e.getMessage());
        }
    }
}
