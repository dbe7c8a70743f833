package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.mwaa.RestApiExchange.Refusal;
import io.github.mwaatrigger.testing.MutableClock;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.InternalServerException;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiServerException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/**
 * How the SDK's {@code invokeRestApi} request is built and how every way it ends becomes an exchange, over
 * an {@link MwaaClient} that answers as the SDK would (its model exceptions, built as the SDK builds them).
 * Whether the SDK really sends one HTTP request per attempt is tested over loopback in the tools.
 */
class SdkInvokeRestApiEndpointTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final List<InvokeRestApiRequest> sent = new ArrayList<>();

    private Optional<URI> endpointOverride = Optional.empty();

    private RestApiExchange invoke(RestApiRequest request, Function<InvokeRestApiRequest, InvokeRestApiResponse> mwaa) {
        MwaaClient client = new MwaaClient() {
            @Override
            public InvokeRestApiResponse invokeRestApi(InvokeRestApiRequest sdkRequest) {
                sent.add(sdkRequest);
                return mwaa.apply(sdkRequest);
            }

            @Override
            public String serviceName() {
                return "mwaa";
            }

            @Override
            public void close() {
            }
        };
        return new SdkInvokeRestApiEndpoint("MyEnv", () -> client, new ControlPlaneFailures("MyEnv", "eu-west-1",
                endpointOverride, CredentialsSource.DEFAULT_CHAIN)).invoke(request,
                Deadline.after(Duration.ofSeconds(7), clock));
    }

    private RestApiExchange failing(RuntimeException thrown) {
        return invoke(RestApiRequest.get("/dags/d/dagRuns", Json.parseObject("{}", "q")), request -> {
            throw thrown;
        });
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("MWAA").build();
    }

    @Test
    void trigger_isSentWithTheEnvironmentPathMethodAndBody_numbersAndNullAsWritten_withoutQuery() {
        RestApiRequest post = RestApiRequest.post("/dags/d/dagRuns", Json.parseObject(
                "{\"dag_run_id\": \"r1\", \"logical_date\": null, \"conf\": {\"size\": 1.50, \"big\": 12345678901234567890,"
                        + " \"ok\": true, \"tags\": [\"a\"]}}", "body"));

        invoke(post, request -> InvokeRestApiResponse.builder().restApiStatusCode(200).build());

        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.name()).isEqualTo("MyEnv");
            assertThat(request.path()).isEqualTo("/dags/d/dagRuns");
            assertThat(request.methodAsString()).isEqualTo("POST");
            assertThat(request.queryParameters()).isNull();
            Document body = request.body();
            assertThat(body.asMap().get("logical_date").isNull()).isTrue();
            assertThat(body.asMap().get("conf").asMap().get("size").asNumber().stringValue()).isEqualTo("1.50");
            assertThat(body.asMap().get("conf").asMap().get("big").asNumber().stringValue())
                    .isEqualTo("12345678901234567890");
            assertThat(request.toString()).doesNotContain("size").contains("Redacted");
        });
    }

    @Test
    void eachCall_hasTheAttemptsTimeAsItsTimeout_andTurnsOffTheSdksOwnRetries() {
        invoke(RestApiRequest.get("/dags/d/dagRuns", Json.parseObject("{\"limit\": \"5\"}", "q")),
                request -> InvokeRestApiResponse.builder().restApiStatusCode(200).build());

        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.queryParameters().asMap().get("limit").asString()).isEqualTo("5");
            assertThat(request.body()).isNull();
            assertThat(request.overrideConfiguration()).hasValueSatisfying(o -> {
                assertThat(o.apiCallTimeout()).contains(Duration.ofSeconds(7));
                assertThat(o.apiCallAttemptTimeout()).contains(Duration.ofSeconds(7));
                assertThat(o.plugins()).hasSize(1);
            });
        });
    }

    @Test
    void success_isAirflowsStatusAndAnswer_numbersKeepingTheirText() {
        Document answer = Document.mapBuilder().putString("dag_run_id", "r1").putNumber("n", "1.50")
                .putNull("note").putList("a", list -> list.addBoolean(true)).build();

        RestApiExchange exchange = invoke(RestApiRequest.get("/dags/d/dagRuns/r1", Json.parseObject("{}", "q")),
                request -> InvokeRestApiResponse.builder().restApiStatusCode(200).restApiResponse(answer).build());

        assertThat(exchange).isEqualTo(new RestApiExchange.Answered(200,
                Json.parse("{\"dag_run_id\": \"r1\", \"n\": 1.50, \"note\": null, \"a\": [true]}")));
    }

    @Test
    void airflowsErrors_areAnswersWithAirflowsStatusAndBody() {
        Document problem = Document.mapBuilder().putString("detail", "exists").putNumber("status", 409).build();
        JsonValue expected = Json.parse("{\"detail\": \"exists\", \"status\": 409}");

        assertThat(failing(RestApiClientException.builder().statusCode(400).restApiStatusCode(409)
                .restApiResponse(problem).awsErrorDetails(details("RestApiClientException", null)).build()))
                .isEqualTo(new RestApiExchange.Answered(409, expected));
        assertThat(failing(RestApiServerException.builder().statusCode(400).restApiStatusCode(503)
                .awsErrorDetails(details("RestApiServerException", "")).build()))
                .isEqualTo(new RestApiExchange.Answered(503, Json.parse("null")));
    }

    @Test
    void anAirflowErrorWithoutItsStatus_cannotBeRead() {
        assertThat(failing(RestApiClientException.builder().statusCode(400).build()))
                .isInstanceOf(RestApiExchange.Lost.class);
    }

    @Test
    void mwaasOwnRefusals_sayWhich() {
        assertThat(failing(AccessDeniedException.builder().statusCode(403)
                .awsErrorDetails(details("AccessDeniedException", "not authorized for role/MyEnv/User")).build()))
                .isEqualTo(new RestApiExchange.Refused(Refusal.ACCESS_DENIED, 403, "AccessDeniedException",
                        "not authorized for role/MyEnv/User"));
        assertThat(failing(ResourceNotFoundException.builder().statusCode(404)
                .awsErrorDetails(details("ResourceNotFoundException", "no such environment")).build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.ENVIRONMENT_NOT_FOUND));
        assertThat(failing(ValidationException.builder().statusCode(400)
                .awsErrorDetails(details("ValidationException", "Path too long")).build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.INVALID));
        assertThat(failing(MwaaException.builder().statusCode(403)
                .awsErrorDetails(details("ExpiredTokenException", "The security token included in the request is "
                        + "expired")).build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.ACCESS_DENIED));
    }

    @Test
    void throttlingAndMwaaFailures_areTheirOwnExchanges() {
        assertThat(failing(MwaaException.builder().statusCode(400)
                .awsErrorDetails(details("ThrottlingException", "Rate exceeded")).build()))
                .isEqualTo(new RestApiExchange.Throttled("ThrottlingException"));
        assertThat(failing(InternalServerException.builder().statusCode(500)
                .awsErrorDetails(details("InternalServerException", "boom")).build()))
                .isEqualTo(new RestApiExchange.MwaaFailed(500, "InternalServerException"));
    }

    @Test
    void connectionFailures_tellNeverSentFromLost_andTimeOutsAreLost() {
        assertThat(failing(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build()))
                .isInstanceOf(RestApiExchange.NotSent.class);
        assertThat(failing(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new SocketException("Connection reset")).build()))
                .isEqualTo(new RestApiExchange.Lost("SocketException: Connection reset", false));
        assertThat(failing(ApiCallTimeoutException.builder().message("took too long").build()))
                .isEqualTo(new RestApiExchange.Lost("no answer within 7000 ms", true));
    }

    @Test
    void anSdkThatCannotSend_isRefusedAsNotSendable_sayingWhereCredentialsComeFrom() {
        assertThat(failing(SdkClientException.builder().message("Unable to load credentials from any of the providers")
                .build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(Refusal.NOT_SENDABLE);
                    assertThat(refused.message()).startsWith("no AWS credentials were found");
                });
    }

    @Test
    void anSdkFailureOfNoKnownKind_mayHaveReachedAirflow_andIsLost_notRefused() {
        assertThat(failing(SdkClientException.builder().message("Unable to unmarshall response").build()))
                .isEqualTo(new RestApiExchange.Lost("SdkClientException: Unable to unmarshall response", false));
    }

    @Test
    void nothingListeningAtAnEndpointOverride_isRefusedAsNotSendable_askingForTheEmulator_notRetried() {
        endpointOverride = Optional.of(URI.create("https://127.0.0.1:8443"));

        assertThat(failing(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(Refusal.NOT_SENDABLE);
                    assertThat(refused.message()).startsWith("nothing listens on https://127.0.0.1:8443: is the "
                            + "emulator running?");
                });
    }

    @Test
    void untrustedCertificate_isRefusedAsNotSendable_namingTheFix() {
        assertThat(failing(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"))
                .build()))
                .isInstanceOfSatisfying(RestApiExchange.Refused.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(Refusal.NOT_SENDABLE);
                    assertThat(refused.message()).startsWith("the TLS certificate of the MWAA API in eu-west-1 is not "
                            + "trusted by this JVM");
                });
    }

    @Test
    void answersNestedDeeperThanAnyConf_cannotBeRead() {
        Document deep = Document.fromString("bottom");
        for (int i = 0; i < SdkDocuments.MAX_ANSWER_DEPTH + 2; i++) {
            deep = Document.fromList(List.of(deep));
        }
        Document answer = deep;

        assertThat(invoke(RestApiRequest.get("/dags/d/dagRuns", Json.parseObject("{}", "q")),
                request -> InvokeRestApiResponse.builder().restApiStatusCode(200).restApiResponse(answer).build()))
                .isInstanceOfSatisfying(RestApiExchange.Lost.class,
                        lost -> assertThat(lost.cause()).contains("could not be read"));
    }
}
