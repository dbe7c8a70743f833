package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.commandline.InProcessCommandLine;
import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code mwaa-trigger trigger}, run in this process through the same dispatch as {@code main}, with the
 * README's command line: {@code trigger example_dag --conf '{"path": "s3://bucket/a.csv"}' --run-id demo_1}.
 */
final class CommandLineEntry implements EntryPoint {

    @Override
    public String name() {
        return "cli";
    }

    @Override
    public SuiteEvent event(int index) {
        String path = index == 0 ? "s3://bucket/a.csv" : "s3://bucket/a-" + index + ".csv";
        String words = String.join("\n", "trigger", "example_dag", "--conf", "{\"path\": \"" + path + "\"}",
                "--run-id", "demo_" + (index + 1));
        return new SuiteEvent(words, "path", "\"" + path + "\"");
    }

    @Override
    public Deployment deploy(Map<String, String> connection, Duration timeout) {
        return event -> {
            List<String> args = new ArrayList<>(List.of(event.payload().split("\n")));
            args.addAll(List.of("--timeout", String.valueOf(timeout.toSeconds())));
            InProcessCommandLine.Result result = InProcessCommandLine.run(args, connection);
            return switch (result.exitCode()) {
                case 0 -> new Attempt(Kind.SUCCEEDED, outcome(result.stdout()));
                case 2 -> new Attempt(Kind.CONFIGURATION, "exit 2");
                case 3 -> new Attempt(Kind.RETRIED, "exit 3");
                default -> new Attempt(Kind.PERMANENT, "exit " + result.exitCode());
            };
        };
    }

    /** The {@code outcome} of the run the tool printed. */
    private static String outcome(String stdout) {
        try {
            return Json.parseObject(stdout.strip(), "the printed run").string("outcome").orElse("exit 0");
        } catch (JsonParseException e) {
            return "exit 0";
        }
    }
}
