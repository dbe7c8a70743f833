package io.github.mwaatrigger.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one Airflow command as Python's argparse reads them, enough for the options that
 * {@link InMemoryAirflow} knows, with argparse's error texts: an option the version lacks is an
 * "unrecognized argument", which is how a command built for another Airflow version fails.
 */
final class CommandArguments {

    /** One option: its name, whether it takes a value, and its spellings ({@code -r}, {@code --run-id}). */
    record Option(String name, boolean takesValue, List<String> spellings) {

        static Option value(String name, String... spellings) {
            return new Option(name, true, List.of(spellings));
        }

        static Option flag(String name, String... spellings) {
            return new Option(name, false, List.of(spellings));
        }
    }

    /** argparse refused the arguments; the message is argparse's. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final List<String> positionals;

    private CommandArguments(Map<String, String> values, List<String> positionals) {
        this.values = values;
        this.positionals = positionals;
    }

    /** Reads {@code args} as a command with {@code options} and the required {@code positionalNames}. */
    static CommandArguments parse(List<String> args, List<Option> options, List<String> positionalNames)
            throws UsageException {
        Map<String, Option> bySpelling = new HashMap<>();
        options.forEach(option -> option.spellings().forEach(spelling -> bySpelling.put(spelling, option)));
        Map<String, String> values = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        List<String> unrecognized = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Option option = bySpelling.get(arg);
            if (option == null) {
                (looksLikeOption(arg) ? unrecognized : positionals).add(arg);
            } else if (!option.takesValue()) {
                values.put(option.name(), "true");
            } else if (i + 1 < args.size() && !looksLikeOption(args.get(i + 1))) {
                values.put(option.name(), args.get(++i));
            } else {
                throw new UsageException("argument " + String.join("/", option.spellings())
                        + ": expected one argument");
            }
        }
        if (positionals.size() < positionalNames.size()) {
            throw new UsageException("the following arguments are required: "
                    + String.join(", ", positionalNames.subList(positionals.size(), positionalNames.size())));
        }
        unrecognized.addAll(positionals.subList(positionalNames.size(), positionals.size()));
        if (!unrecognized.isEmpty()) {
            throw new UsageException("unrecognized arguments: " + String.join(" ", unrecognized));
        }
        return new CommandArguments(values, positionals);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String positional(int index) {
        return positionals.get(index);
    }

    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }
}
