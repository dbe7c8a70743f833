package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fault suite's command line.
 *
 * @param cases    the cases to run (empty: all)
 * @param entries  the entry points to run them on (empty: all)
 * @param transport how every entry point reaches Airflow ({@code MWAA_TRANSPORT}, the template's {@code Transport})
 * @param timeout  the time each entry point is given per event
 * @param template the SAM template that configures the functions
 * @param events   the folder of sample events
 * @param list     only list the cases
 * @param verbose  log what the functions and the client log (INFO), on stderr
 */
record SuiteOptions(List<String> cases, List<String> entries, Transport transport, Duration timeout, Path template,
        Path events, boolean list, boolean verbose) {

    static final String USAGE = "usage: bin/fault-suite [--case NAME]... [--entry cli|upload|schedule|api]... "
            + "[--transport cli|rest] [--timeout SECONDS] [--template template.yaml] [--events events] [--list] "
            + "[--verbose]";

    SuiteOptions {
        cases = List.copyOf(cases);
        entries = List.copyOf(entries);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(events, "events");
    }

    /** Every case on every entry point over the CLI transport, 10 s per event, with the project's template and events. */
    static SuiteOptions defaults() {
        return new SuiteOptions(List.of(), List.of(), Transport.CLI, Duration.ofSeconds(10), Path.of("template.yaml"),
                Path.of("events"), false, false);
    }

    /** @throws IllegalArgumentException saying which argument is wrong and what is expected */
    static SuiteOptions parse(List<String> args) {
        List<String> cases = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        SuiteOptions defaults = defaults();
        Transport transport = defaults.transport();
        Duration timeout = defaults.timeout();
        Path template = defaults.template();
        Path events = defaults.events();
        boolean list = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--list" -> list = true;
                case "--verbose" -> verbose = true;
                case "--case" -> cases.add(value(args, ++i, option));
                case "--entry" -> entries.add(value(args, ++i, option));
                case "--transport" -> transport = transport(value(args, ++i, option));
                case "--template" -> template = Path.of(value(args, ++i, option));
                case "--events" -> events = Path.of(value(args, ++i, option));
                case "--timeout" -> timeout = Duration.ofSeconds(seconds(value(args, ++i, option)));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new SuiteOptions(cases, entries, transport, timeout, template, events, list, verbose);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static Transport transport(String text) {
        try {
            return Transport.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transport " + e.getMessage(), e);
        }
    }

    private static int seconds(String text) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds >= 2 && seconds <= 120) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--timeout takes whole seconds from 2 to 120, e.g. 10; got '" + text + "'");
    }
}
