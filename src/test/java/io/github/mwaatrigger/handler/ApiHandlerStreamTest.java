package io.github.mwaatrigger.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.mwaatrigger.api.ApiRequest;
import io.github.mwaatrigger.config.ApiFunctionSettings;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.testing.InMemoryMwaa;
import io.github.mwaatrigger.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API function as the Lambda runtime calls it, through its stream method: the event read with our own JSON
 * must be the request the runtime's own deserializer makes of it, and the response must be the proxy response
 * JSON API Gateway takes.
 */
class ApiHandlerStreamTest {

    private final InMemoryMwaa mwaa = InMemoryMwaa.running("2.10.3", "example_dag", "secret_dag");

    private ApiHandler handler() {
        return new ApiHandler(ApiFunctionSettings.from(mwaa.environment().with("API_ALLOWED_DAGS", "example_dag"),
                new Properties()), mwaa::services, mwaa.clock());
    }

    private JsonObject invoke(byte[] event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(event), output, TestLambdaContext.invocation());
        return Json.parseObject(output.toString(StandardCharsets.UTF_8), "response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-1-trigger-run.json", "api-2-trigger-run-retried.json", "api-3-get-run.json",
            "api-4-list-runs.json", "api-5-forbidden-dag.json"})
    void eachEventFile_readsAsTheRuntimesDeserializerReadsIt(String file) throws IOException {
        Path path = Path.of("events", file);

        ApiRequest ours = ApiGatewayRequests.toRequest(ApiGatewayEventJson.read(Files.readString(path)), "id");
        ApiRequest runtimes = ApiGatewayRequests.toRequest(EventLoader.loadApiGatewayRestEvent(path.toString()), "id");

        assertThat(ours.method()).isEqualTo(runtimes.method());
        assertThat(ours.path()).isEqualTo(runtimes.path());
        assertThat(ours.pathParameters()).isEqualTo(runtimes.pathParameters());
        assertThat(ours.query()).isEqualTo(runtimes.query());
        assertThat(ours.headers()).isEqualTo(runtimes.headers());
        assertThat(ours.body()).isEqualTo(runtimes.body());
    }

    @Test
    void aTrigger_answersWithTheProxyResponse_andStartsTheRun() throws IOException {
        JsonObject response = invoke(Files.readAllBytes(Path.of("events", "api-1-trigger-run.json")));

        assertThat(response.get("statusCode")).contains(new JsonNumber("200"));
        assertThat(response.get("isBase64Encoded")).contains(JsonBoolean.FALSE);
        assertThat(Json.parseObject(response.string("body").orElseThrow(), "body").string("dag_run_id"))
                .contains("api_order_1234");
        assertThat(response.get("headers")).containsInstanceOf(JsonObject.class);
        assertThat(mwaa.airflow().runs()).singleElement()
                .satisfies(run -> assertThat(run.runId()).isEqualTo("api_order_1234"));
    }

    @Test
    void aBase64Body_isDecoded() throws IOException {
        String body = Base64.getEncoder().encodeToString("{\"dag_run_id\": \"from_base64\"}"
                .getBytes(StandardCharsets.UTF_8));
        String event = "{\"httpMethod\": \"POST\", \"path\": \"/api/v1/dags/example_dag/dagRuns\", "
                + "\"pathParameters\": {\"dag_id\": \"example_dag\"}, \"headers\": {\"Content-Type\": \"application/json\"}, "
                + "\"queryStringParameters\": null, \"body\": \"" + body + "\", \"isBase64Encoded\": true}";

        JsonObject response = invoke(event.getBytes(StandardCharsets.UTF_8));

        assertThat(response.get("statusCode")).contains(new JsonNumber("200"));
        assertThat(mwaa.airflow().runs()).singleElement()
                .satisfies(run -> assertThat(run.runId()).isEqualTo("from_base64"));
    }

    @Test
    void anEventWithAFieldOfTheWrongType_isABadRequest_andReachesNoAirflow() throws IOException {
        String event = "{\"httpMethod\": \"POST\", \"path\": \"/api/v1/dags/example_dag/dagRuns\", "
                + "\"pathParameters\": {\"dag_id\": \"example_dag\"}, \"headers\": [\"Content-Type\"], \"body\": \"{}\"}";

        JsonObject response = invoke(event.getBytes(StandardCharsets.UTF_8));

        assertThat(response.get("statusCode")).contains(new JsonNumber("400"));
        assertThat(Json.parseObject(response.string("body").orElseThrow(), "body").string("detail"))
                .contains("the API Gateway event's headers must be an object of strings");
        assertThat(mwaa.airflow().commands()).isEmpty();
    }
}
