package io.github.mwaatrigger.mwaa;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/**
 * Converts between this project's JSON model and the AWS SDK's {@link Document}, which carries
 * {@code InvokeRestApi}'s query parameters, body and answer. Numbers keep their text both ways, so a conf
 * reaches Airflow as written. Answers are bounded in depth, as every JSON this project reads is.
 */
final class SdkDocuments {

    /** Deeper than any conf accepted ({@link Json#MAX_DEPTH}) inside a list answer's run objects. */
    static final int MAX_ANSWER_DEPTH = Json.MAX_DEPTH + 4;

    private SdkDocuments() {
    }

    static Document toDocument(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, Document> members = new LinkedHashMap<>();
            object.members().forEach((name, member) -> members.put(name, toDocument(member)));
            return Document.fromMap(members);
        }
        if (value instanceof JsonArray array) {
            return Document.fromList(array.elements().stream().map(SdkDocuments::toDocument).toList());
        }
        if (value instanceof JsonString string) {
            return Document.fromString(string.value());
        }
        if (value instanceof JsonNumber number) {
            return Document.fromNumber(SdkNumber.fromString(number.text()));
        }
        if (value instanceof JsonBoolean bool) {
            return Document.fromBoolean(bool.value());
        }
        return Document.fromNull();
    }

    /**
     * {@code document} as JSON; a missing document is JSON null.
     *
     * @throws IllegalArgumentException if it nests deeper than {@link #MAX_ANSWER_DEPTH} or holds a number
     *                                  that is not JSON
     */
    static JsonValue toJson(Document document) {
        return toJson(document, 0);
    }

    private static JsonValue toJson(Document document, int depth) {
        if (document == null || document.isNull()) {
            return JsonNull.INSTANCE;
        }
        if (depth > MAX_ANSWER_DEPTH) {
            throw new IllegalArgumentException("the answer nests deeper than " + MAX_ANSWER_DEPTH + " levels");
        }
        if (document.isMap()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            document.asMap().forEach((name, member) -> members.put(name, toJson(member, depth + 1)));
            return new JsonObject(members);
        }
        if (document.isList()) {
            List<JsonValue> elements = new ArrayList<>();
            document.asList().forEach(element -> elements.add(toJson(element, depth + 1)));
            return new JsonArray(elements);
        }
        if (document.isString()) {
            return new JsonString(document.asString());
        }
        if (document.isNumber()) {
            return new JsonNumber(document.asNumber().stringValue());
        }
        return JsonBoolean.of(document.asBoolean());
    }
}
