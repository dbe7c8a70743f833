package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trigger log's lines among what a function printed: every line that is, on its own, a JSON object
 * carrying an embedded-metric-format {@code _aws} member, as CloudWatch Logs would find them.
 */
public final class TriggerLines {

    private TriggerLines() {
    }

    /** The trigger lines in {@code printed}, in order. */
    public static List<JsonObject> in(String printed) {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : printed.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonObject object = Json.parseObject(line, "a printed line");
                if (object.get("_aws").isPresent()) {
                    lines.add(object);
                }
            } catch (JsonParseException notJson) {
                // another line that happens to start with a brace
            }
        }
        return lines;
    }
}
