package io.github.mwaatrigger.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonWriter;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API function in a JVM of its own, as {@link LongHistoryTest} starts it (with the heap of a 512 MB
 * function): serves one list GET per argument ({@code DAG_ID?name=value&...}) through the real client
 * stack and prints, per request, one JSON line with the status, the time taken, the peak heap in use
 * during the request, and what the answer held.
 */
public final class LongHistoryProbe {

    private LongHistoryProbe() {
    }

    public static void main(String[] args) {
        ApiHandler handler = new ApiHandler(ApiFunctionSettings.from(new Environment(System.getenv()),
                System.getProperties()), MwaaServices::create, Clock.systemUTC());
        for (String request : args) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            APIGatewayProxyResponseEvent response = handler.handleRequest(listEvent(request),
                    new TestLambdaContext("probe", Duration.ofSeconds(29)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            JsonObject body = Json.parseObject(response.getBody(), "answer");
            JsonObject.Builder line = JsonObject.builder().put("request", request)
                    .put("status", response.getStatusCode()).put("millis", millis).put("peak_heap_bytes", peak);
            body.get("total_entries").ifPresent(total -> line.put("total_entries", total));
            body.get("dag_runs").ifPresent(runs -> line.put("runs", ((JsonArray) runs).elements().size()));
            body.get("dag_runs").ifPresent(runs -> ((JsonArray) runs).elements().stream().findFirst()
                    .ifPresent(first -> line.put("first", first)));
            body.string("detail").ifPresent(detail -> line.put("detail", detail));
            System.out.println(JsonWriter.compact().write(line.build()));
        }
    }

    private static APIGatewayProxyRequestEvent listEvent(String request) {
        String dagId = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
        Map<String, String> query = new LinkedHashMap<>();
        if (request.contains("?")) {
            for (String pair : request.substring(request.indexOf('?') + 1).split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/api/v1/dags/" + dagId + "/dagRuns").withPathParameters(Map.of("dag_id", dagId))
                .withHeaders(Map.of("Accept", "application/json"))
                .withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        return event;
    }
}
