package io.github.mwaatrigger.api;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/dags/{dag_id}/dagRuns}, as Airflow's API takes it:
 * {@code {"dag_run_id", "logical_date", "conf", "note"}}, every field optional (and {@code execution_date},
 * Airflow 2's older name for {@code logical_date}). Any other field is refused, as Airflow refuses it.
 *
 * @param dagRunId    the run id the caller chose
 * @param logicalDate the logical date the caller chose
 * @param conf        the run's conf ({@code {}} if none)
 * @param note        a note; MWAA's CLI cannot store one, so it is accepted but not kept
 */
record TriggerRequestBody(Optional<String> dagRunId, Optional<Instant> logicalDate, JsonObject conf,
        Optional<String> note) {

    /** The largest body accepted. */
    static final int MAX_BYTES = 128 * 1024;
    private static final Set<String> FIELDS = Set.of("dag_run_id", "logical_date", "execution_date", "conf", "note");

    /** @throws BadRequestException saying what is wrong */
    static TriggerRequestBody parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new BadRequestException("the request body is " + body.length + " bytes; at most " + MAX_BYTES
                    + " are accepted");
        }
        String text = utf8(body);
        if (text.isBlank()) {
            return new TriggerRequestBody(Optional.empty(), Optional.empty(), JsonObject.empty(), Optional.empty());
        }
        JsonObject object;
        try {
            object = Json.parseObject(text, "the request body");
        } catch (JsonParseException e) {
            throw new BadRequestException("the request body is not valid JSON: " + e.getMessage());
        }
        for (String field : object.members().keySet()) {
            if (!FIELDS.contains(field)) {
                throw new BadRequestException("'" + field + "' is not a field of a DAG run request: use dag_run_id, "
                        + "logical_date, conf and note");
            }
        }
        Optional<Instant> logicalDate = date(object, "logical_date");
        Optional<Instant> executionDate = date(object, "execution_date");
        if (logicalDate.isPresent() && executionDate.isPresent() && !logicalDate.equals(executionDate)) {
            throw new BadRequestException("logical_date and execution_date differ: give only logical_date");
        }
        return new TriggerRequestBody(string(object, "dag_run_id"), logicalDate.or(() -> executionDate),
                conf(object), string(object, "note"));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("the request body is not UTF-8 text");
        }
    }

    private static Optional<String> string(JsonObject object, String name) {
        Optional<JsonValue> value = object.get(name).filter(v -> !(v instanceof JsonNull));
        if (value.isPresent() && !(value.get() instanceof JsonString)) {
            throw new BadRequestException("'" + name + "' must be a string");
        }
        return value.map(v -> ((JsonString) v).value());
    }

    private static Optional<Instant> date(JsonObject object, String name) {
        Optional<String> text = string(object, name);
        try {
            return text.map(value -> OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("'" + name + "' must be an ISO 8601 date-time with a time zone, such as "
                    + "2024-06-01T00:00:00+00:00, got '" + text.orElse("") + "'");
        }
    }

    private static JsonObject conf(JsonObject object) {
        Optional<JsonValue> conf = object.get("conf").filter(v -> !(v instanceof JsonNull));
        if (conf.isPresent() && !(conf.get() instanceof JsonObject)) {
            throw new BadRequestException("'conf' must be a JSON object");
        }
        return conf.map(JsonObject.class::cast).orElse(JsonObject.empty());
    }
}
