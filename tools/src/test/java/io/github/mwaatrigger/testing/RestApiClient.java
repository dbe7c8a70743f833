package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;

/**
 * The AWS SDK for Java v2's {@link MwaaClient}, as the functions' REST transport builds it, pointed at an
 * emulator (endpoint override, host prefix off, the test CA through the JVM's default trust), with helpers that
 * move JSON in and out of the SDK's {@link Document}s. Retries are immediate, so that throttling tests stay fast;
 * the SDK still decides what to retry.
 */
public final class RestApiClient implements AutoCloseable {

    private static final ProfileFile EMPTY_PROFILE_FILE = ProfileFile.builder()
            .content(InputStream.nullInputStream()).type(ProfileFile.Type.CONFIGURATION).build();

    private final MwaaClient client;
    private final String environmentName;

    private RestApiClient(MwaaClient client, String environmentName) {
        this.client = client;
        this.environmentName = environmentName;
    }

    public static RestApiClient of(MwaaEmulator emulator) {
        return of(emulator, emulator.config().secretAccessKey());
    }

    /** A client that signs with {@code secretAccessKey} for the emulator's access key id. */
    public static RestApiClient of(MwaaEmulator emulator, String secretAccessKey) {
        EmulatorConfig config = emulator.config();
        MwaaClient client = MwaaClient.builder()
                .endpointOverride(emulator.controlPlaneEndpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), secretAccessKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o
                        .defaultProfileFile(EMPTY_PROFILE_FILE)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                .build()))
                .build();
        return new RestApiClient(client, config.environmentName());
    }

    public MwaaClient sdk() {
        return client;
    }

    public InvokeRestApiResponse get(String path) {
        return invoke(RestApiMethod.GET, path, null, null);
    }

    public InvokeRestApiResponse get(String path, String queryJson) {
        return invoke(RestApiMethod.GET, path, queryJson, null);
    }

    public InvokeRestApiResponse post(String path, String bodyJson) {
        return invoke(RestApiMethod.POST, path, null, bodyJson);
    }

    public InvokeRestApiResponse invoke(RestApiMethod method, String path, String queryJson, String bodyJson) {
        InvokeRestApiRequest.Builder request = InvokeRestApiRequest.builder()
                .name(environmentName).path(path).method(method);
        if (queryJson != null) {
            request.queryParameters(document(Json.parse(queryJson)));
        }
        if (bodyJson != null) {
            request.body(document(Json.parse(bodyJson)));
        }
        return client.invokeRestApi(request.build());
    }

    /** The Airflow answer a {@code RestApiClientException} or {@code RestApiServerException} carries. */
    public static JsonValue response(RestApiClientException e) {
        return json(e.restApiResponse());
    }

    public static Document document(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, Document> members = new LinkedHashMap<>();
            object.members().forEach((name, member) -> members.put(name, document(member)));
            return Document.fromMap(members);
        }
        if (value instanceof JsonArray array) {
            return Document.fromList(array.elements().stream().map(RestApiClient::document).toList());
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

    public static JsonValue json(Document document) {
        if (document == null || document.isNull()) {
            return JsonNull.INSTANCE;
        }
        if (document.isMap()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            document.asMap().forEach((name, member) -> members.put(name, json(member)));
            return new JsonObject(members);
        }
        if (document.isList()) {
            List<JsonValue> elements = document.asList().stream().map(RestApiClient::json).toList();
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

    public static JsonObject object(Document document) {
        return (JsonObject) json(document);
    }

    @Override
    public void close() {
        client.close();
    }
}
