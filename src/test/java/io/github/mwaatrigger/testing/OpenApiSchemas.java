package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks JSON against schemas of an OpenAPI 3.0 document, for the part of the language Airflow's
 * {@code DAGRun}, {@code DAGRunCollection} and {@code Error} schemas use: {@code $ref} to
 * {@code #/components/schemas/...}, {@code allOf}, {@code type}, {@code nullable}, {@code enum},
 * {@code format: date-time} (RFC 3339, with an offset), {@code required}, {@code properties} and
 * {@code items}. It is stricter than OpenAPI in one way: a member that an object schema with
 * {@code properties} does not declare is reported, since nothing this project writes should carry one
 * (an object schema without {@code properties}, such as {@code conf}, takes any member).
 */
public final class OpenApiSchemas {

    private final JsonObject schemas;

    private OpenApiSchemas(JsonObject document) {
        this.schemas = object(object(document, "components"), "schemas");
    }

    /** Airflow 2.10's DAG run schemas, kept beside this class in {@code src/test/resources}. */
    public static OpenApiSchemas airflowDagRuns() {
        return fromResource("airflow-2.10.0-v1-dag-run-schemas.json");
    }

    static OpenApiSchemas fromResource(String resource) {
        try (InputStream in = Objects.requireNonNull(OpenApiSchemas.class.getResourceAsStream(resource), resource)) {
            return new OpenApiSchemas(Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code value} as an instance of the schema called {@code schemaName}; empty if nothing. */
    public List<String> violations(String schemaName, JsonValue value) {
        List<String> found = new ArrayList<>();
        check(value, object(schemas, schemaName), "$", false, found);
        return found;
    }

    private void check(JsonValue value, JsonObject schema, String path, boolean inAllOf, List<String> found) {
        if (schema.get("$ref").isPresent()) {
            String ref = schema.string("$ref").orElseThrow();
            String prefix = "#/components/schemas/";
            if (!ref.startsWith(prefix)) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            check(value, object(schemas, ref.substring(prefix.length())), path, inAllOf, found);
            return;
        }
        if (schema.get("allOf").isPresent()) {
            Set<String> declared = new HashSet<>();
            for (JsonValue branch : ((JsonArray) schema.get("allOf").orElseThrow()).elements()) {
                JsonObject resolved = resolve((JsonObject) branch);
                check(value, resolved, path, true, found);
                resolved.get("properties").ifPresent(p -> declared.addAll(((JsonObject) p).members().keySet()));
            }
            if (value instanceof JsonObject object && !inAllOf) {
                object.members().keySet().stream().filter(name -> !declared.contains(name))
                        .forEach(name -> found.add(path + "." + name + ": not a property of the schema"));
            }
            return;
        }
        if (value instanceof JsonNull) {
            boolean nullable = schema.get("nullable").filter(JsonBoolean.TRUE::equals).isPresent()
                    || schema.get("enum").filter(e -> ((JsonArray) e).elements().contains(JsonNull.INSTANCE)).isPresent();
            if (!nullable) {
                found.add(path + ": null where the schema allows none");
            }
            return;
        }
        String type = schema.string("type").orElse(null);
        if (type != null && !hasType(value, type)) {
            found.add(path + ": expected " + type + ", got " + kind(value));
            return;
        }
        schema.get("enum").ifPresent(values -> {
            if (!((JsonArray) values).elements().contains(value)) {
                found.add(path + ": " + write(value) + " is not one of " + write(values));
            }
        });
        if (schema.string("format").filter("date-time"::equals).isPresent() && value instanceof JsonString text) {
            try {
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.value());
            } catch (DateTimeParseException e) {
                found.add(path + ": '" + text.value() + "' is not an RFC 3339 date-time");
            }
        }
        if (value instanceof JsonObject object) {
            JsonObject properties = schema.get("properties").map(JsonObject.class::cast).orElse(JsonObject.empty());
            schema.get("required").ifPresent(required -> ((JsonArray) required).elements().forEach(name -> {
                if (object.get(((JsonString) name).value()).isEmpty()) {
                    found.add(path + ": required property '" + ((JsonString) name).value() + "' is missing");
                }
            }));
            object.members().forEach((name, member) -> {
                if (properties.get(name).isPresent()) {
                    check(member, (JsonObject) properties.get(name).get(), path + "." + name, false, found);
                } else if (!inAllOf && schema.get("properties").isPresent()) {
                    found.add(path + "." + name + ": not a property of the schema");
                }
            });
        }
        if (value instanceof JsonArray array && schema.get("items").isPresent()) {
            for (int i = 0; i < array.elements().size(); i++) {
                check(array.elements().get(i), (JsonObject) schema.get("items").get(), path + "[" + i + "]", false,
                        found);
            }
        }
    }

    private JsonObject resolve(JsonObject schema) {
        return schema.string("$ref").map(ref -> object(schemas, ref.substring(ref.lastIndexOf('/') + 1)))
                .orElse(schema);
    }

    private static boolean hasType(JsonValue value, String type) {
        return switch (type) {
            case "object" -> value instanceof JsonObject;
            case "array" -> value instanceof JsonArray;
            case "string" -> value instanceof JsonString;
            case "boolean" -> value instanceof JsonBoolean;
            case "number" -> value instanceof JsonNumber;
            case "integer" -> value instanceof JsonNumber number && number.text().matches("-?\\d+");
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    private static String kind(JsonValue value) {
        return value.getClass().getSimpleName().replace("Json", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String write(JsonValue value) {
        return io.github.mwaatrigger.json.JsonWriter.compact().write(value);
    }

    private static JsonObject object(JsonObject parent, String name) {
        return (JsonObject) parent.get(name).orElseThrow(() -> new IllegalArgumentException("no " + name));
    }
}
