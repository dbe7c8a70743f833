package io.github.mwaatrigger.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions a SAM template declares, as a deployment with given parameter values would configure
 * them: handler, timeout, environment variables (the template's {@code Globals} merged with the
 * function's own) and event sources.
 */
public final class SamTemplate {

    /** One {@code AWS::Serverless::Function}, with its values evaluated. */
    public record Function(String logicalId, String handler, Duration timeout, Map<String, String> environment,
            List<EventSource> events) {
        public Function {
            Objects.requireNonNull(logicalId, "logicalId");
            Objects.requireNonNull(handler, "handler");
            environment = Map.copyOf(environment);
            events = List.copyOf(events);
        }

        /** The class the handler names ({@code pkg.Class::method}). */
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }

        /** The method the handler names, {@code handleRequest} when none is given. */
        public String handlerMethod() {
            int separator = handler.indexOf("::");
            return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        }

        public boolean hasEventOfType(String type) {
            return events.stream().anyMatch(event -> event.type().equals(type));
        }
    }

    /** One entry of a function's {@code Events}. */
    public record EventSource(String name, String type, Map<String, Object> properties) {
    }

    private final Map<String, String> parameters;
    private final List<Function> functions;

    private SamTemplate(Map<String, String> parameters, List<Function> functions) {
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.functions = List.copyOf(functions);
    }

    /** Reads the template in {@code file}, as {@link #parse} reads its text. */
    public static SamTemplate load(Path file, Map<String, String> parameterValues, String region) throws IOException {
        return parse(Files.readString(file), parameterValues, region);
    }

    /**
     * Reads the template {@code yaml}, taking each parameter from {@code parameterValues} or else its default.
     *
     * @throws IllegalArgumentException if the text is no readable template, {@code parameterValues} names a
     *                                  parameter the template does not declare (as CloudFormation refuses it), or
     *                                  a parameter without default has no value
     */
    public static SamTemplate parse(String yaml, Map<String, String> parameterValues, String region) {
        Map<?, ?> template = map(TemplateYaml.parse(yaml));
        List<String> undeclared = parameterValues.keySet().stream()
                .filter(name -> !map(template.get("Parameters")).containsKey(name)).sorted().toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalArgumentException("the template has no parameter " + String.join(", ", undeclared)
                    + "; its parameters are " + String.join(", ", parameterNames(template)));
        }
        Map<String, String> parameters = parameters(map(template.get("Parameters")), parameterValues);
        TemplateValues values = new TemplateValues(parameters, stringKeys(map(template.get("Conditions"))), region);
        Map<?, ?> globals = map(map(template.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        map(template.get("Resources")).forEach((id, definition) -> {
            Map<?, ?> resource = map(definition);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functions.add(function(String.valueOf(id), map(resource.get("Properties")), globals, values));
            }
        });
        return new SamTemplate(parameters, functions);
    }

    /** The names of the parameters the template {@code yaml} declares, in the template's order. */
    public static List<String> declaredParameters(String yaml) {
        return parameterNames(map(TemplateYaml.parse(yaml)));
    }

    private static List<String> parameterNames(Map<?, ?> template) {
        return map(template.get("Parameters")).keySet().stream().map(String::valueOf).toList();
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public List<Function> functions() {
        return functions;
    }

    private static Map<String, String> parameters(Map<?, ?> declared, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declared.forEach((name, definition) -> {
            Object fallback = map(definition).get("Default");
            String value = given.containsKey(String.valueOf(name)) ? given.get(String.valueOf(name))
                    : fallback == null ? null : String.valueOf(fallback);
            if (value == null) {
                missing.add(String.valueOf(name));
            } else {
                values.put(String.valueOf(name), value);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the template's parameters " + missing + " have no default: give them "
                    + "values");
        }
        return values;
    }

    private static Function function(String id, Map<?, ?> properties, Map<?, ?> globals, TemplateValues values) {
        Object handler = properties.containsKey("Handler") ? properties.get("Handler") : globals.get("Handler");
        Object timeout = properties.containsKey("Timeout") ? properties.get("Timeout") : globals.get("Timeout");
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<?, ?> source : List.of(globals, properties)) {
            Object variables = values.evaluate(map(map(source.get("Environment")).get("Variables")));
            map(variables).forEach((name, value) -> environment.put(String.valueOf(name), String.valueOf(value)));
        }
        List<EventSource> events = new ArrayList<>();
        map(properties.get("Events")).forEach((name, event) -> {
            Map<?, ?> definition = map(event);
            events.add(new EventSource(String.valueOf(name), String.valueOf(definition.get("Type")),
                    stringKeys(map(values.evaluate(map(definition.get("Properties")))))));
        });
        return new Function(id, values.string(handler),
                Duration.ofSeconds(timeout == null ? 3 : Long.parseLong(values.string(timeout))), environment, events);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
