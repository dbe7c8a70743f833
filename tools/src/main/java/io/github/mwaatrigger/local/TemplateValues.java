package io.github.mwaatrigger.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions the way a deployment would, for the demo: parameters
 * ({@code Ref}), pseudo parameters (as for account 123456789012 in the demo's region), conditions
 * ({@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}),
 * {@code Fn::Sub} and {@code Fn::Join}. A reference to a resource stands for itself as
 * {@code <LogicalId>}, since nothing is deployed.
 */
final class TemplateValues {

    /** What {@code AWS::NoValue} evaluates to: the property or item is left out. */
    static final Object NO_VALUE = new Object();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> parameters;
    private final Map<String, Object> conditions;
    private final String region;

    TemplateValues(Map<String, String> parameters, Map<String, Object> conditions, String region) {
        this.parameters = parameters;
        this.conditions = conditions;
        this.region = region;
    }

    /** {@code value} with every intrinsic function evaluated. */
    Object evaluate(Object value) {
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                Object evaluated = evaluate(item);
                if (evaluated != NO_VALUE) {
                    items.add(evaluated);
                }
            }
            return items;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String function = String.valueOf(only.getKey());
            if (function.equals("Ref") || function.startsWith("Fn::")) {
                return intrinsic(function, only.getValue());
            }
        }
        Map<String, Object> evaluated = new LinkedHashMap<>();
        map.forEach((key, member) -> {
            Object result = evaluate(member);
            if (result != NO_VALUE) {
                evaluated.put(String.valueOf(key), result);
            }
        });
        return evaluated;
    }

    /** {@code value} evaluated to a string. */
    String string(Object value) {
        Object evaluated = evaluate(value);
        if (evaluated instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("expected a string, got " + evaluated);
    }

    boolean condition(String name) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return truth(evaluate(definition));
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> reference(String.valueOf(argument));
            case "Fn::Sub" -> substitute(argument);
            case "Fn::Join" -> join(arguments(argument, 2));
            case "Fn::If" -> {
                List<?> parts = arguments(argument, 3);
                yield evaluate(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
            }
            case "Fn::Equals" -> {
                List<?> parts = arguments(argument, 2);
                yield String.valueOf(evaluate(parts.get(0))).equals(String.valueOf(evaluate(parts.get(1))));
            }
            case "Fn::Not" -> !truth(evaluate(arguments(argument, 1).get(0)));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(part -> truth(evaluate(part)));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(part -> truth(evaluate(part)));
            case "Fn::GetAtt" -> "<" + String.join(".", ((List<?>) argument).stream().map(String::valueOf).toList())
                    + ">";
            default -> "<" + function + ">";
        };
    }

    private Object reference(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> "123456789012";
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "mwaa-trigger-demo";
            default -> parameters.containsKey(name) ? parameters.get(name) : "<" + name + ">";
        };
    }

    private String substitute(Object argument) {
        String template;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> parts) {
            template = String.valueOf(parts.get(0));
            variables = (Map<?, ?>) parts.get(1);
        } else {
            template = String.valueOf(argument);
        }
        Matcher matcher = SUBSTITUTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object replacement = variables.containsKey(name) ? evaluate(variables.get(name))
                    : name.contains(".") ? "<" + name + ">" : reference(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(replacement)));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(List<?> parts) {
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) evaluate(parts.get(1))) {
            items.add(String.valueOf(item));
        }
        return String.join(String.valueOf(parts.get(0)), items);
    }

    private static List<?> arguments(Object argument, int count) {
        if (argument instanceof List<?> list && list.size() == count) {
            return list;
        }
        throw new IllegalArgumentException("expected " + count + " arguments, got " + argument);
    }

    private static boolean truth(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
