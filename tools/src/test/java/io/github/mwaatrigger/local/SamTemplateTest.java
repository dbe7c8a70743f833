package io.github.mwaatrigger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Templates (the project's template.yaml and what others may hold), read as a deployment would configure them. */
class SamTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    /** A template with what the demo evaluates: parameters, a condition, Globals, two functions and their events. */
    private static final String EXAMPLE = """
            Parameters:
              Dag: {Type: String}
              Stage: {Type: String, Default: prod}
              Retries: {Type: Number, Default: 3}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Globals:
              Function:
                Handler: example.Uploads::handleRequest
                Timeout: 30
                Environment:
                  Variables:
                    STAGE: !Ref Stage
                    SHARED: from-globals
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Uploads:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      SHARED: from-the-function
                      DAG: !Sub '${Dag}-${AWS::Region}'
                      RETRIES: !Ref Retries
                      MODE: !If [IsProd, strict, lenient]
                      VERSION: 2.10
                      RELEASED: 2024-06-01
                      QUEUE: !GetAtt Queue.Arn
                  Events:
                    Upload:
                      Type: S3
                      Properties:
                        Bucket: !Ref Bucket
                        Events: s3:ObjectCreated:*
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Api::handle
                  Timeout: 28
                  Events:
                    Runs:
                      Type: Api
                      Properties:
                        Path: /dags/{dag_id}
                        Method: any
            """;

    private static SamTemplate template() throws IOException {
        return SamTemplate.load(TEMPLATE,
                Map.of("EnvironmentName", "Env", "DagId", "my_dag", "ApiAllowedDags", "etl_*"),
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

        assertThat(schedule.properties().get("Input"))
                .isEqualTo("{\"scheduled_time\": \"<aws.scheduler.scheduled-time>\", "
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
        assertThat(api.timeout()).isLessThan(Duration.ofSeconds(29));
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

        assertThat(parameters).containsEntry("ApiThrottlingRateLimit", "5")
                .containsEntry("ApiThrottlingBurstLimit", "5")
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
                .hasMessageContaining("EnvironmentName").hasMessageContaining("DagId")
                .hasMessageContaining("ApiAllowedDags");
    }

    @Test
    void aValueForAParameterTheTemplateDoesNotDeclare_isRefusedAsCloudFormationRefusesIt() {
        assertThatThrownBy(() -> SamTemplate.parse(EXAMPLE, Map.of("Dag", "etl", "Stag", "dev"), "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the template has no parameter Stag; its parameters are Dag, Stage, Retries");
    }

    @Test
    void declaredParameters_areTheTemplatesParameterNamesInOrder() {
        assertThat(SamTemplate.declaredParameters(EXAMPLE)).containsExactly("Dag", "Stage", "Retries");
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

    @Test
    void existingBuckets_sendTheirObjectCreatedEventsToTheUploadAlias_withRetriesADeadLetterQueueAndOnlyThatRight()
            throws IOException {
        Map<String, Map<?, ?>> deployed = deployedResources(Map.of("ExistingBucketNames", "partner-exports-eu,drop"));
        Map<Object, Object> rule = properties(deployed, "ExistingBucketsObjectCreatedRule");
        Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);
        Map<Object, Object> permission = properties(deployed, "ExistingBucketsInvokePermission");
        Map<Object, Object> queueStatement = new LinkedHashMap<>((Map<?, ?>) ((List<?>) ((Map<?, ?>) properties(
                deployed, "FailedTriggersQueuePolicy").get("PolicyDocument")).get("Statement")).get(0));
        Map<String, Object> ruleArn = Map.of("Fn::GetAtt", List.of("ExistingBucketsObjectCreatedRule", "Arn"));

        assertThat(rule.get("EventPattern")).isEqualTo(Map.of("source", List.of("aws.s3"),
                "detail-type", List.of("Object Created"), "detail", Map.of("bucket", Map.of("name",
                        Map.of("Fn::Split", List.of(",", Map.of("Ref", "ExistingBucketNames")))))));
        assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", "S3UploadFunction.Alias"));
        assertThat(target.get("RetryPolicy")).isEqualTo(Map.of("MaximumRetryAttempts", "10",
                "MaximumEventAgeInSeconds", "21600"));
        assertThat(target.get("DeadLetterConfig"))
                .isEqualTo(Map.of("Arn", Map.of("Fn::GetAtt", List.of("FailedTriggersQueue", "Arn"))));
        assertThat(permission).containsEntry("FunctionName", Map.of("Ref", "S3UploadFunction.Alias"))
                .containsEntry("Action", "lambda:InvokeFunction").containsEntry("Principal", "events.amazonaws.com")
                .containsEntry("SourceArn", ruleArn);
        assertThat(queueStatement).containsEntry("Principal", Map.of("Service", "events.amazonaws.com"))
                .containsEntry("Action", "sqs:SendMessage")
                .containsEntry("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn)));
    }

    @Test
    void withoutExistingBuckets_noRulePermissionOrQueuePolicyIsDeployed() throws IOException {
        Map<String, Map<?, ?>> deployed = deployedResources(Map.of());

        assertThat(deployed).doesNotContainKeys("ExistingBucketsObjectCreatedRule", "ExistingBucketsInvokePermission",
                "FailedTriggersQueuePolicy");
        assertThat(deployed.values().stream().map(resource -> String.valueOf(resource.get("Type"))))
                .doesNotContain("AWS::Events::Rule", "AWS::Lambda::Permission", "AWS::SQS::QueuePolicy");
    }

    @Test
    void alarms_watchTheFailedTriggersQueueAndEveryFunctionsErrors() throws IOException {
        Map<String, Map<?, ?>> deployed = deployedResources(Map.of());
        Map<Object, Object> queueAlarm = properties(deployed, "FailedTriggersAlarm");

        assertThat(queueAlarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of("FailedTriggersQueue", "QueueName")))))
                .containsEntry("Threshold", "0").containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("TreatMissingData", "notBreaching");
        for (SamTemplate.Function function : template().functions()) {
            Map<Object, Object> alarm = properties(deployed, function.logicalId() + "ErrorsAlarm");
            assertThat(alarm).as(function.logicalId()).containsEntry("Namespace", "AWS/Lambda")
                    .containsEntry("MetricName", "Errors").containsEntry("Statistic", "Sum")
                    .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName",
                            "Value", Map.of("Ref", function.logicalId()))))
                    .containsEntry("Threshold", "0").containsEntry("ComparisonOperator", "GreaterThanThreshold");
        }
    }

    @Test
    void withAlarmEmail_everyAlarmNotifiesATopicTheAddressIsSubscribedTo() throws IOException {
        Map<String, Object> deployed = evaluatedResources(Map.of("AlarmEmail", "ops@example.com"));

        assertThat(properties(deployed, "AlarmEmailSubscription")).containsEntry("Protocol", "email")
                .containsEntry("Endpoint", "ops@example.com").containsEntry("TopicArn", "<AlarmTopic>");
        assertThat(alarms(deployed)).hasSize(4).allSatisfy((id, alarm) -> assertThat(alarm).as(id)
                .containsEntry("AlarmActions", List.of("<AlarmTopic>"))
                .containsEntry("OKActions", List.of("<AlarmTopic>")));
    }

    @Test
    void withoutAlarmEmail_thereIsNoTopic_andTheAlarmsHaveNoActions() throws IOException {
        Map<String, Object> deployed = evaluatedResources(Map.of());

        assertThat(deployed).doesNotContainKeys("AlarmTopic", "AlarmEmailSubscription");
        assertThat(alarms(deployed)).hasSize(4).allSatisfy((id, alarm) -> assertThat(alarm).as(id)
                .doesNotContainKeys("AlarmActions", "OKActions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "ops@example", "two words@example.com"})
    void alarmEmail_mustBeAnAddressOrEmpty(String address) throws IOException {
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE)))
                .get("Parameters")).get("AlarmEmail");
        Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));

        assertThat(allowed.matcher(address).matches()).isFalse();
        assertThat(allowed.matcher("ops@example.com").matches()).isTrue();
        assertThat(allowed.matcher("").matches()).isTrue();
    }

    @Test
    void theQueueAndEveryLogGroup_outliveTheStack() throws IOException {
        Map<String, Map<?, ?>> deployed = deployedResources(Map.of());
        List<String> kept = deployed.entrySet().stream()
                .filter(resource -> List.of("AWS::SQS::Queue", "AWS::Logs::LogGroup").contains(resource.getValue()
                        .get("Type"))).map(Map.Entry::getKey).toList();

        assertThat(kept).containsExactlyInAnyOrder("FailedTriggersQueue", "S3UploadLogGroup", "ScheduleLogGroup",
                "ApiLogGroup", "ApiAccessLogGroup");
        for (String id : kept) {
            assertThat(deployed.get(id).get("DeletionPolicy")).as(id).isEqualTo("Retain");
            assertThat(deployed.get(id).get("UpdateReplacePolicy")).as(id).isEqualTo("Retain");
        }
    }

    @Test
    void functions_logJsonToTheirOwnLogGroup() throws IOException {
        Map<?, ?> template = (Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE));
        Map<?, ?> globals = (Map<?, ?>) ((Map<?, ?>) template.get("Globals")).get("Function");
        Map<String, Map<?, ?>> deployed = deployedResources(Map.of());

        assertThat(globals.get("LoggingConfig")).isEqualTo(Map.of("LogFormat", "JSON"));
        for (SamTemplate.Function function : template().functions()) {
            Object logGroup = ((Map<?, ?>) properties(deployed, function.logicalId()).get("LoggingConfig"))
                    .get("LogGroup");
            assertThat(logGroup).as(function.logicalId()).isInstanceOf(Map.class);
            String id = (String) ((Map<?, ?>) logGroup).get("Ref");
            assertThat(deployed.get(id).get("Type")).as(id).isEqualTo("AWS::Logs::LogGroup");
            assertThat(properties(deployed, id)).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
        }
    }

    @Test
    void apiStage_writesOneJsonAccessLogLinePerRequest_withoutHeaders() throws IOException {
        Map<String, Object> deployed = evaluatedResources(Map.of());
        Map<?, ?> setting = (Map<?, ?>) properties(deployed, "TriggerApi").get("AccessLogSetting");

        assertThat(setting.get("DestinationArn")).isEqualTo("<ApiAccessLogGroup.Arn>");
        JsonObject format = Json.parseObject((String) setting.get("Format"), "the access log format");
        assertThat(format.members().keySet()).contains("requestId", "ip", "caller", "userArn", "httpMethod",
                "resourcePath", "status", "responseLength", "integrationError");
        assertThat(format.string("requestId")).contains("$context.requestId");
        assertThat(format.string("ip")).contains("$context.identity.sourceIp");
        assertThat(format.string("caller")).contains("$context.identity.caller");
        assertThat(format.string("integrationError")).contains("$context.integration.error");
        assertThat(((String) setting.get("Format")).toLowerCase(Locale.ROOT)).doesNotContain("header")
                .doesNotContain("authorization");
    }

    @Test
    void withApiAccessLogsDisabled_theStageLogsNothing_andNoAccessLogGroupIsMade() throws IOException {
        Map<String, Object> deployed = evaluatedResources(Map.of("ApiAccessLogs", "Disabled"));

        assertThat(properties(deployed, "TriggerApi")).doesNotContainKey("AccessLogSetting");
        assertThat(deployed).doesNotContainKey("ApiAccessLogGroup");
    }

    /** The alarms among {@code resources}, by logical id, with their properties. */
    private static Map<String, Map<Object, Object>> alarms(Map<String, Object> resources) {
        Map<String, Map<Object, Object>> alarms = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(((Map<?, ?>) resource).get("Type"))) {
                alarms.put(id, properties(resources, id));
            }
        });
        return alarms;
    }

    /**
     * The resources a deployment with {@code parameters} creates, with every intrinsic function evaluated as
     * {@link TemplateValues} does (a resource's attribute or reference reads as {@code <Id.Attribute>} or
     * {@code <Id>}; a value or item that is {@code AWS::NoValue} is left out).
     */
    private static Map<String, Object> evaluatedResources(Map<String, String> parameters) throws IOException {
        Map<String, Object> evaluated = new LinkedHashMap<>();
        TemplateValues values = values(parameters);
        deployedResources(parameters).forEach((id, resource) -> evaluated.put(id, values.evaluate(resource)));
        return evaluated;
    }

    @ParameterizedTest(name = "Transport={0}, AirflowVersion={1}")
    @CsvSource({"cli, auto", "cli, 2.10.3", "rest, auto", "rest, 3.0.6"})
    void managedPolicy_grantsForAirflowExactlyWhatTheTransportNeeds_andNothingWider(String transport, String version)
            throws IOException {
        Map<String, String> parameters = Map.of("Transport", transport, "AirflowVersion", version, "AirflowRole", "Op");
        List<?> statements = (List<?>) ((Map<?, ?>) evaluated(parameters, properties(deployedResources(parameters),
                "MwaaCliAccessPolicy").get("PolicyDocument"))).get("Statement");
        String environmentArn = "arn:aws:airflow:eu-west-1:123456789012:environment/Env";
        List<Map<String, String>> expected = new java.util.ArrayList<>();
        expected.add(transport.equals("rest")
                ? Map.of("Action", "airflow:InvokeRestApi", "Resource", "arn:aws:airflow:eu-west-1:123456789012:role/Env/Op")
                : Map.of("Action", "airflow:CreateCliToken", "Resource", environmentArn));
        if (version.equals("auto")) {
            expected.add(Map.of("Action", "airflow:GetEnvironment", "Resource", environmentArn));
        }

        assertThat(statements).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Map<Object, Object> statement = new LinkedHashMap<>((Map<?, ?>) statements.get(i));
            assertThat(statement).containsEntry("Effect", "Allow")
                    .containsEntry("Action", expected.get(i).get("Action"))
                    .containsEntry("Resource", expected.get(i).get("Resource"));
        }
        assertThat(String.valueOf(statements)).doesNotContain("*");
    }

    @ParameterizedTest(name = "Transport={0}")
    @ValueSource(strings = {"cli", "rest"})
    void everyFunction_isToldTheTransportAndTheAirflowRole_andUsesOnlyTheManagedPolicy(String transport)
            throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>(
                Map.of("EnvironmentName", "Env", "DagId", "my_dag", "ApiAllowedDags", "etl_*", "Transport", transport));
        SamTemplate deployed = SamTemplate.load(TEMPLATE, parameters, "eu-west-1");

        assertThat(deployed.functions()).isNotEmpty().allSatisfy(function -> assertThat(function.environment())
                .containsEntry("MWAA_TRANSPORT", transport).containsEntry("MWAA_AIRFLOW_ROLE", "User"));
        Map<String, Map<?, ?>> resources = deployedResources(Map.of("Transport", transport));
        for (Map.Entry<String, Map<?, ?>> resource : resources.entrySet()) {
            if ("AWS::Serverless::Function".equals(resource.getValue().get("Type"))) {
                assertThat(properties(resources, resource.getKey()).get("Policies"))
                        .as(resource.getKey()).isEqualTo(List.of(Map.of("Ref", "MwaaCliAccessPolicy")));
            }
        }
    }

    @Test
    void transportAndAirflowRole_acceptOnlyWhatMwaaKnows() throws IOException {
        Map<?, ?> declared = (Map<?, ?>) ((Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE))).get("Parameters");

        assertThat(((Map<?, ?>) declared.get("Transport")).get("AllowedValues")).isEqualTo(List.of("cli", "rest"));
        assertThat(((Map<?, ?>) declared.get("Transport")).get("Default")).isEqualTo("cli");
        assertThat(((Map<?, ?>) declared.get("AirflowRole")).get("AllowedValues"))
                .isEqualTo(List.of("Admin", "Op", "User", "Viewer", "Public"));
        assertThat(((Map<?, ?>) declared.get("AirflowRole")).get("Default")).isEqualTo("User");
    }

    /** {@code value} evaluated as a deployment with {@code parameters} would evaluate it. */
    private static Object evaluated(Map<String, String> parameters, Object value) throws IOException {
        Map<String, String> given = new LinkedHashMap<>(
                Map.of("EnvironmentName", "Env", "DagId", "my_dag", "ApiAllowedDags", "etl_*"));
        given.putAll(parameters);
        Map<?, ?> template = (Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE));
        Map<String, Object> conditions = new LinkedHashMap<>();
        ((Map<?, ?>) template.get("Conditions")).forEach((name, condition) -> conditions.put((String) name, condition));
        return new TemplateValues(SamTemplate.load(TEMPLATE, given, "eu-west-1").parameters(), conditions, "eu-west-1")
                .evaluate(value);
    }

    /** The template's resources a deployment with {@code parameters} creates: those whose condition holds. */
    private static Map<String, Map<?, ?>> deployedResources(Map<String, String> parameters) throws IOException {
        Map<?, ?> template = (Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE));
        TemplateValues values = values(parameters);
        Map<String, Map<?, ?>> deployed = new LinkedHashMap<>();
        ((Map<?, ?>) template.get("Resources")).forEach((id, resource) -> {
            Object condition = ((Map<?, ?>) resource).get("Condition");
            if (condition == null || values.condition((String) condition)) {
                deployed.put((String) id, (Map<?, ?>) resource);
            }
        });
        return deployed;
    }

    /** The template's values as a deployment with {@code parameters} (and values for those without default) has them. */
    private static TemplateValues values(Map<String, String> parameters) throws IOException {
        Map<String, String> given = new LinkedHashMap<>(
                Map.of("EnvironmentName", "Env", "DagId", "my_dag", "ApiAllowedDags", "etl_*"));
        given.putAll(parameters);
        Map<?, ?> template = (Map<?, ?>) TemplateYaml.parse(Files.readString(TEMPLATE));
        Map<String, Object> conditions = new LinkedHashMap<>();
        ((Map<?, ?>) template.get("Conditions")).forEach((name, condition) -> conditions.put((String) name, condition));
        return new TemplateValues(SamTemplate.load(TEMPLATE, given, "eu-west-1").parameters(), conditions,
                "eu-west-1");
    }

    private static Map<Object, Object> properties(Map<String, ? extends Object> resources, String logicalId) {
        assertThat(resources).containsKey(logicalId);
        return new LinkedHashMap<>((Map<?, ?>) ((Map<?, ?>) resources.get(logicalId)).get("Properties"));
    }

    @Test
    void functions_takeTheirHandlerTimeoutAndEnvironmentFromGlobalsAndTheirOwnProperties_withParametersResolved() {
        SamTemplate template = SamTemplate.parse(EXAMPLE, Map.of("Dag", "etl"), "eu-west-1");
        SamTemplate.Function uploads = template.functions().get(0);
        SamTemplate.Function api = template.functions().get(1);

        assertThat(template.parameters()).containsExactly(entry("Dag", "etl"), entry("Stage", "prod"),
                entry("Retries", "3"));
        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId).containsExactly("Uploads", "Api");
        assertThat(uploads.handler()).isEqualTo("example.Uploads::handleRequest");
        assertThat(uploads.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(uploads.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "STAGE", "prod", "SHARED", "from-the-function", "DAG", "etl-eu-west-1", "RETRIES", "3",
                "MODE", "strict", "VERSION", "2.10", "RELEASED", "2024-06-01", "QUEUE", "<Queue.Arn>"));
        assertThat(api.handlerClass()).isEqualTo("example.Api");
        assertThat(api.handlerMethod()).isEqualTo("handle");
        assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(28));
        assertThat(api.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("STAGE", "prod", "SHARED",
                "from-globals"));
    }

    @Test
    void givenParameters_overrideDefaults_andTheConditionsThatTestThem() {
        SamTemplate.Function uploads = SamTemplate.parse(EXAMPLE, Map.of("Dag", "etl", "Stage", "dev"), "us-east-1")
                .functions().get(0);

        assertThat(uploads.environment()).containsEntry("STAGE", "dev").containsEntry("MODE", "lenient")
                .containsEntry("DAG", "etl-us-east-1");
    }

    @Test
    void events_areWiredWithTheirPropertiesEvaluated() {
        List<SamTemplate.Function> functions = SamTemplate.parse(EXAMPLE, Map.of("Dag", "etl"), "eu-west-1")
                .functions();

        assertThat(functions.get(0).events()).containsExactly(new SamTemplate.EventSource("Upload", "S3",
                Map.of("Bucket", "<Bucket>", "Events", "s3:ObjectCreated:*")));
        assertThat(functions.get(1).events()).containsExactly(new SamTemplate.EventSource("Runs", "Api",
                Map.of("Path", "/dags/{dag_id}", "Method", "any")));
        assertThat(functions.get(1).hasEventOfType("Api")).isTrue();
        assertThat(functions.get(1).hasEventOfType("S3")).isFalse();
    }

    @Test
    void shortFormTags_inEveryFormTheTemplateUses_readAsTheirLongForm() {
        Object read = TemplateYaml.parse("""
                Scalar: !Ref Name
                Quoted: !Sub '${AWS::Region}/${Name}'
                Dotted: !GetAtt Queue.Arn
                Listed: !GetAtt [Queue, Arn]
                Flow: !Equals [!Ref Name, auto]
                Block:
                  - !If
                    - IsProd
                    - Sid: Allow
                      Resource: !Sub arn:${AWS::Partition}:s3:::${Name}
                    - !Ref AWS::NoValue
                SubWithVariables: !Sub ['${A}', {A: !Ref Name}]
                Nested: !Select [0, !Split [',', !Join [',', [a, b]]]]
                """);

        assertThat(read).isEqualTo(Map.of(
                "Scalar", Map.of("Ref", "Name"),
                "Quoted", Map.of("Fn::Sub", "${AWS::Region}/${Name}"),
                "Dotted", Map.of("Fn::GetAtt", List.of("Queue", "Arn")),
                "Listed", Map.of("Fn::GetAtt", List.of("Queue", "Arn")),
                "Flow", Map.of("Fn::Equals", List.of(Map.of("Ref", "Name"), "auto")),
                "Block", List.of(Map.of("Fn::If", List.of("IsProd",
                        Map.of("Sid", "Allow", "Resource", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${Name}")),
                        Map.of("Ref", "AWS::NoValue")))),
                "SubWithVariables", Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "Name")))),
                "Nested", Map.of("Fn::Select", List.of("0", Map.of("Fn::Split", List.of(",",
                        Map.of("Fn::Join", List.of(",", List.of("a", "b")))))))));
    }

    @ParameterizedTest
    @CsvSource({"Ref, Ref", "Condition, Condition", "Sub, Fn::Sub", "GetAtt, Fn::GetAtt", "If, Fn::If",
        "Equals, Fn::Equals", "Not, Fn::Not", "And, Fn::And", "Or, Fn::Or", "Join, Fn::Join", "Select, Fn::Select",
        "Split, Fn::Split", "FindInMap, Fn::FindInMap", "Base64, Fn::Base64", "ImportValue, Fn::ImportValue",
        "GetAZs, Fn::GetAZs", "Cidr, Fn::Cidr", "Transform, Fn::Transform", "Length, Fn::Length",
        "ToJsonString, Fn::ToJsonString"})
    void everyShortFormTag_readsAsItsLongForm(String tag, String longForm) {
        assertThat(TemplateYaml.parse("Value: !" + tag + " [x, y]"))
                .isEqualTo(Map.of("Value", Map.of(longForm, List.of("x", "y"))));
    }

    @Test
    void scalars_stayTheTextTheyAreWrittenAs() {
        Object read = TemplateYaml.parse("""
                Version: 2.10
                Octal: 010
                Date: 2024-06-01
                Flag: on
                Count: 5
                Quoted: ''
                Empty:
                """);

        assertThat(read).asInstanceOf(InstanceOfAssertFactories.MAP).containsExactly(entry("Version", "2.10"),
                entry("Octal", "010"), entry("Date", "2024-06-01"), entry("Flag", "on"), entry("Count", "5"),
                entry("Quoted", ""), entry("Empty", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A: 1\nB: !Unknown x", "A: 1\nA: 2", "A: 1\nB: [1, 2", "A:\n\tB: 1",
        "A: 1\nB: !!timestamp 2024-06-01"})
    void unreadableTemplates_areRefusedWithTheLineAtFault(String yaml) {
        assertThatThrownBy(() -> TemplateYaml.parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template line 2: ");
    }

    @Test
    void aliasesOfCollections_areRefused_asCloudFormationRefusesAliases() {
        assertThatThrownBy(() -> TemplateYaml.parse("A: &list [1, 2]\nB: *list\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template: ");
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
