package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.AirflowOutput;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.Settings;
import io.github.mwaatrigger.mwaa.CliCommand;
import io.github.mwaatrigger.mwaa.CliOutput;
import io.github.mwaatrigger.mwaa.Idempotency;
import java.util.List;
import java.util.function.Function;

/**
 * {@code cli [options] -- COMMAND...}: runs any Airflow CLI command on the environment, like the MWAA
 * guide's curl and Python scripts, and prints its decoded stdout and stderr. The words are quoted so
 * that MWAA splits them back into exactly these words. The command is sent once (retried only when the
 * server proves it did not run it), because an arbitrary command may not be safe to run twice. The exit
 * code is 1 when the command failed in Airflow (a traceback or command error on stderr; stdout is not
 * searched, as it may echo any text, such as conf).
 */
final class CliSubcommand implements Subcommand {

    private final Function<Settings, MwaaServices> services;

    CliSubcommand(Function<Settings, MwaaServices> services) {
        this.services = services;
    }

    @Override
    public String summary() {
        return "Runs any Airflow CLI command on the environment and prints its stdout and stderr; the command is sent once.";
    }

    @Override
    public String usage() {
        return "cli " + ConnectionOptions.USAGE + " -- COMMAND [ARG...]   e.g. cli -- dags list -o json";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Arguments arguments = Arguments.parse(args, ConnectionOptions.NAMES, true);
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("give the Airflow command after --, e.g. cli -- dags list -o json");
        }
        Settings settings = ConnectionOptions.settings(arguments, console.environment());
        MwaaServices mwaa = services.apply(settings);
        WarmUp.inBackground("sdk-client", mwaa::prepare);
        try {
            CliOutput output = mwaa.cli().run(new CliCommand(arguments.positionals()), Idempotency.NOT_IDEMPOTENT,
                    ConnectionOptions.deadline(arguments)).output();
            console.out().print(output.stdout());
            console.err().print(output.stderr());
            console.out().flush();
            boolean failed = AirflowOutput.error(new CliOutput("", output.stderr())).isPresent();
            return failed ? ExitCode.FAILED : ExitCode.OK;
        } catch (TriggerFailure e) {
            console.fail(e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
