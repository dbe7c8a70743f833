package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.airflow.AirflowVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} (or {@code --name=value}) options from a known set,
 * positionals, and everything after {@code --} kept as it is. {@code --help} or {@code -h} where an option
 * may stand asks for the subcommand's usage; after {@code --} (and, for a subcommand whose positionals are
 * a command of their own, after the first positional) they are words like any other.
 */
final class Arguments {

    private final Map<String, List<String>> options;
    private final List<String> positionals;

    private Arguments(Map<String, List<String>> options, List<String> positionals) {
        this.options = options;
        this.positionals = positionals;
    }

    /**
     * Parses {@code args}; with {@code restIsPositional}, the first positional and everything after it are
     * taken as they are (as after {@code --}).
     *
     * @throws HelpRequested  if {@code --help} or {@code -h} stands where an option may
     * @throws UsageException if an option is unknown, given twice, or lacks its value
     */
    static Arguments parse(List<String> args, Set<String> knownOptions, boolean restIsPositional)
            throws UsageException {
        return parse(args, knownOptions, Set.of(), restIsPositional);
    }

    /** Like {@link #parse(List, Set, boolean)}, where the options in {@code repeatable} may be given more than once. */
    static Arguments parse(List<String> args, Set<String> knownOptions, Set<String> repeatable, boolean restIsPositional)
            throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                if (restIsPositional) {
                    positionals.addAll(args.subList(i, args.size()));
                    break;
                }
                positionals.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!knownOptions.contains(name)) {
                throw new UsageException("unknown option " + name + "; options here are " + String.join(", ",
                        knownOptions.stream().sorted().toList()));
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            List<String> values = options.computeIfAbsent(name, key -> new ArrayList<>());
            if (!values.isEmpty() && !repeatable.contains(name)) {
                throw new UsageException(name + " is given twice");
            }
            values.add(value);
        }
        return new Arguments(options, positionals);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).map(values -> values.get(0));
    }

    /** The comma-separated values of {@code name}, trimmed, without empty ones. */
    Optional<List<String>> listOption(String name) {
        return option(name).map(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).toList());
    }

    /** Every value of a repeatable option, in order. */
    List<String> options(String name) {
        return options.getOrDefault(name, List.of());
    }

    List<String> positionals() {
        return positionals;
    }

    /** {@code text} as the Airflow version {@code --airflow-version} names; anything else is a usage error. */
    static AirflowVersion airflowVersion(String text) throws UsageException {
        try {
            return AirflowVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--airflow-version: " + e.getMessage());
        }
    }

    /** The value of {@code name} as a whole number within {@code min..max}. */
    Optional<Integer> intOption(String name, int min, int max) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", got '"
                + value.get() + "'");
    }
}
