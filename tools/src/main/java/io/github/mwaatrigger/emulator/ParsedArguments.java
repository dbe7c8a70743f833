package io.github.mwaatrigger.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small stand-in for Python's argparse, enough for the emulated Airflow commands: options with one
 * value, flags, and positionals, with argparse's error texts.
 */
final class ParsedArguments {

    /** One option: its spellings ({@code -r}, {@code --run-id}), its name, and whether it takes a value. */
    record Option(List<String> spellings, String name, boolean takesValue) {
        static Option value(String name, String... spellings) {
            return new Option(List.of(spellings), name, true);
        }

        static Option flag(String name, String... spellings) {
            return new Option(List.of(spellings), name, false);
        }

        String display() {
            return String.join("/", spellings);
        }
    }

    /** argparse refused the arguments; the message is what argparse says. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final List<String> positionals;

    private ParsedArguments(Map<String, String> values, List<String> positionals) {
        this.values = values;
        this.positionals = positionals;
    }

    /** Parses {@code args} against {@code options} and the required {@code positionalNames}. */
    static ParsedArguments parse(List<String> args, List<Option> options, List<String> positionalNames)
            throws UsageException {
        Map<String, Option> bySpelling = new HashMap<>();
        for (Option option : options) {
            option.spellings().forEach(spelling -> bySpelling.put(spelling, option));
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        List<String> unrecognized = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inlineValue = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                inlineValue = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            Option option = bySpelling.get(arg);
            if (option == null) {
                if (arg.startsWith("-") && arg.length() > 1) {
                    unrecognized.add(args.get(i));
                } else {
                    positionals.add(arg);
                }
                continue;
            }
            if (!option.takesValue()) {
                values.put(option.name(), "true");
            } else if (inlineValue != null) {
                values.put(option.name(), inlineValue);
            } else if (i + 1 < args.size() && !(args.get(i + 1).startsWith("-") && args.get(i + 1).length() > 1)) {
                values.put(option.name(), args.get(++i));
            } else {
                throw new UsageException("argument " + option.display() + ": expected one argument");
            }
        }
        if (positionals.size() < positionalNames.size()) {
            throw new UsageException("the following arguments are required: "
                    + String.join(", ", positionalNames.subList(positionals.size(), positionalNames.size())));
        }
        for (int i = positionalNames.size(); i < positionals.size(); i++) {
            unrecognized.add(positionals.get(i));
        }
        if (!unrecognized.isEmpty()) {
            throw new UsageException("unrecognized arguments: " + String.join(" ", unrecognized));
        }
        return new ParsedArguments(values, positionals);
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
}
