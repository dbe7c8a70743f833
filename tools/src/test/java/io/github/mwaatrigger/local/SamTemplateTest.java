package io.github.mwaatrigger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's template.yaml, read as a deployment would configure its functions. */
class SamTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private static SamTemplate template() throws IOException {
        return SamTemplate.load(TEMPLATE, Map.of("EnvironmentName", "Env", "DagId", "my_dag", "ApiAllowedDags", "etl_*"),
                "eu-west-1");
    }

    @Test
    void everyHandler_resolvesToAPublicClassTheRuntimeCanBuildAndCall() throws Exception {
        List<SamTemplate.Function> functions = template().functions();

        assertThat(functions).isNotEmpty();
        for (SamTemplate.Function function : functions) {
            Class<?> type = Class.forName(function.handlerClass());
            assertThat(Modifier.isPublic(type.getModifiers())).as(function.handler()).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers()))
                    .as("public no-argument constructor of " + type).isTrue();
            Method method = RequestStreamHandler.class.isAssignableFrom(type)
                    ? type.getMethod(function.handlerMethod(), InputStream.class, OutputStream.class, Context.class)
                    : handlerMethod(type, function.handlerMethod());
            assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
            assertThat(Path.of("target", "classes", function.handlerClass().replace('.', '/') + ".class")).exists();
        }
    }

    @Test
    void functions_getTheirConfigurationFromTheParameters() throws IOException {
        SamTemplate.Function uploads = function("S3UploadFunction");

        assertThat(uploads.environment()).containsEntry("MWAA_ENVIRONMENT_NAME", "Env")
                .containsEntry("AIRFLOW_VERSION", "auto").containsEntry("DAG_ID", "my_dag")
                .containsEntry("S3_DAG_ROUTES", "");
        assertThat(uploads.hasEventOfType("S3")).isTrue();
        assertThat(function("ScheduleFunction").hasEventOfType("ScheduleV2")).isTrue();
        assertThat(function("ScheduleFunction").environment()).containsEntry("DAG_ID", "my_dag");
    }

    @Test
    void scheduleInput_isTheDocumentTheScheduleHandlerReads() throws IOException {
        SamTemplate.EventSource schedule = function("ScheduleFunction").events().get(0);

        assertThat(schedule.properties().get("Input")).isEqualTo("{\"scheduled_time\": \"<aws.scheduler.scheduled-time>\", "
                + "\"schedule_arn\": \"<aws.scheduler.schedule-arn>\"}");
        assertThat(schedule.properties()).containsKeys("RetryPolicy", "DeadLetterConfig");
    }

    @Test
    void api_wiresExactlyTheHandlersResources_forEveryMethod_andAnswersUnderApiGatewaysLimit() throws IOException {
        SamTemplate.Function api = function("ApiFunction");

        assertThat(api.events()).extracting(event -> event.properties().get("Path"))
                .containsExactlyInAnyOrderElementsOf(io.github.mwaatrigger.api.DagRunsApi.RESOURCES);
        assertThat(api.events()).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo("Api");
            assertThat(event.properties().get("Method")).isEqualTo("any");
        });
        assertThat(api.timeout()).isLessThan(java.time.Duration.ofSeconds(29));
        assertThat(api.environment()).containsEntry("API_ALLOWED_DAGS", "etl_*");
    }

    @Test
    void api_usesIamAuthorizationAndThrottling() throws IOException {
        Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE))).get("Resources");
        Map<?, ?> api = (Map<?, ?>) ((Map<?, ?>) resources.get("TriggerApi")).get("Properties");

        assertThat(((Map<?, ?>) api.get("Auth")).get("DefaultAuthorizer")).isEqualTo("AWS_IAM");
        assertThat(String.valueOf(api.get("MethodSettings"))).contains("ThrottlingRateLimit")
                .contains("ThrottlingBurstLimit");
        assertThat(api.get("MethodSettings")).isEqualTo(List.of(Map.of(
                "ResourcePath", "/*", "HttpMethod", "*",
                "ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit"),
                "ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit"))));
    }

    @Test
    void apiThrottlingDefaults_areSetAndTheBurstFitsTheFunctionsConcurrency() throws IOException {
        Map<String, String> parameters = template().parameters();
        Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE))).get("Resources");
        Map<?, ?> function = (Map<?, ?>) ((Map<?, ?>) resources.get("ApiFunction")).get("Properties");

        assertThat(parameters).containsEntry("ApiThrottlingRateLimit", "5").containsEntry("ApiThrottlingBurstLimit", "5")
                .containsEntry("ApiReservedConcurrency", "5");
        assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Ref", "ApiReservedConcurrency"));
        assertThat(Integer.parseInt(parameters.get("ApiThrottlingBurstLimit")))
                .isLessThanOrEqualTo(Integer.parseInt(parameters.get("ApiReservedConcurrency")));
    }

    @Test
    void functions_useSnapStartOnAPublishedAlias() throws IOException {
        Map<?, ?> globals = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE)))
                .get("Globals")).get("Function");

        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(globals.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(globals.get("Runtime")).isEqualTo("java21");
    }

    @Test
    void parametersWithoutDefault_mustBeGiven() {
        assertThatThrownBy(() -> SamTemplate.load(TEMPLATE, Map.of(), "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EnvironmentName").hasMessageContaining("DagId").hasMessageContaining("ApiAllowedDags");
    }

    @Test
    void asynchronousFunctions_parkWhatTheyCannotDeliver() throws IOException {
        Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE))).get("Resources");
        for (String function : List.of("S3UploadFunction", "ScheduleFunction")) {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) resources.get(function)).get("Properties");
            Map<?, ?> invokeConfig = (Map<?, ?>) properties.get("EventInvokeConfig");
            assertThat(invokeConfig.containsKey("DestinationConfig")).as(function).isTrue();
            assertThat(String.valueOf(invokeConfig.get("DestinationConfig"))).contains("FailedTriggersQueue");
        }
    }

    private static SamTemplate.Function function(String logicalId) throws IOException {
        return template().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    private static Method handlerMethod(Class<?> type, String name) {
        assertThat(RequestHandler.class.isAssignableFrom(type)).as(type + " is a RequestHandler").isTrue();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                return method;
            }
        }
        throw new AssertionError(type + " has no " + name + "(event, Context)");
    }
}
