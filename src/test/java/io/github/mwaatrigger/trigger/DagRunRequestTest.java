package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a request's conf may be: the size limit counts the bytes that are sent, which escaping can make larger
 * than the conf's UTF-8 JSON; nesting is bounded by what the answer's reader takes; numbers must reach the DAG
 * as sent.
 */
class DagRunRequestTest {

    /** {@code {"a":""}}: what a one-member conf adds around its value. */
    private static final int ENVELOPE = 8;

    @Test
    void confOfExactlyTheLimitAsSent_isAccepted() {
        JsonObject conf = JsonObject.builder().put("a", "x".repeat(DagRunRequest.MAX_CONF_BYTES - ENVELOPE)).build();

        assertThatCode(() -> DagRunRequest.of("d", "r", conf)).doesNotThrowAnyException();
    }

    @Test
    void confOneByteOverTheLimit_isRefusedWithWhatToDoInstead() {
        JsonObject conf = JsonObject.builder().put("a", "x".repeat(DagRunRequest.MAX_CONF_BYTES - ENVELOPE + 1))
                .build();

        assertThatThrownBy(() -> DagRunRequest.of("d", "r", conf))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageStartingWith("the conf is 65537 bytes as sent to Airflow")
                .hasMessageContaining("at most 65536")
                .hasMessageContaining("pass a reference (such as an S3 key)");
    }

    @Test
    void confThatOnlyEscapingMakesTooLarge_isRefused() {
        String accents = "\u00e9".repeat(20_000);
        JsonObject conf = JsonObject.builder().put("a", accents).build();
        assertThat(("{\"a\":\"" + accents + "\"}").getBytes(StandardCharsets.UTF_8).length)
                .as("as UTF-8 JSON it would fit").isLessThan(DagRunRequest.MAX_CONF_BYTES);

        assertThatThrownBy(() -> DagRunRequest.of("d", "r", conf))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageStartingWith("the conf is " + (ENVELOPE + 6 * 20_000) + " bytes as sent to Airflow");
    }

    @Test
    void theLimitMeasuresTheArgumentTheTriggerCommandCarries() {
        JsonObject conf = JsonObject.builder().put("it's", "caf\u00e9").build();
        String argument = AirflowDialect.confArgument(conf);

        assertThat(AirflowDialect.of(AirflowVersion.of(2, 10, 3)).triggerCommand("d", "r", conf, Optional.empty())
                .words()).contains(argument);
        assertThat(argument).isEqualTo("{\"it\\u0027s\":\"caf\\u00e9\"}");
    }

    @Test
    void confOfTheDeepestNesting_isAccepted_andOneLevelMore_isRefusedSayingWhere() {
        assertThatCode(() -> DagRunRequest.of("d", "r", nested(DagRunRequest.MAX_CONF_DEPTH)))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> DagRunRequest.of("d", "r", nested(DagRunRequest.MAX_CONF_DEPTH + 1)))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessageStartingWith("the conf nests objects and arrays deeper than 64 levels (at conf.a.a.")
                .hasMessageEndingWith("): flatten it, or pass a reference (such as an S3 key) to the data instead");
    }

    @Test
    void theDeepestConfAccepted_isAsDeepAsAJsonTextThatCanBeReadHere() {
        int depth = DagRunRequest.MAX_CONF_DEPTH;
        String deepest = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

        assertThatCode(() -> DagRunRequest.of("d", "r", Json.parseObject(deepest, "conf"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Json.parseObject("{\"a\":" + deepest + "}", "conf"))
                .hasMessageContaining("nesting deeper than 64 levels");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"ratio\": 1e400}                 | conf.ratio | 1e400 | inf",
            "{\"a\": {\"b c\": [1, -1E+400]}}    | conf.a[\"b c\"][1] | -1E+400 | -inf",
            "{\"x\": [[0.5, 17976931348623159e292]]} | conf.x[0][1] | 17976931348623159e292 | inf"})
    void numberBeyondTheRangeOfAPythonFloat_isRefusedSayingWhichAndWhatToSend(String conf, String path, String number,
            String python) {
        assertThatThrownBy(() -> DagRunRequest.of("d", "r", Json.parseObject(conf, "conf")))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("the conf value at " + path + " is " + number + ", beyond the largest number Airflow's "
                        + "Python keeps (about 1.8e308): Python would read it as " + python + ", which is not JSON. "
                        + "Send it as a string (\"" + number + "\"), or as a number within that range");
    }

    @Test
    void numberThatPythonWouldReadAsZero_isRefused() {
        assertThatThrownBy(() -> DagRunRequest.of("d", "r", Json.parseObject("{\"tiny\": 1.5e-400}", "conf")))
                .isInstanceOf(InvalidDagRunRequestException.class)
                .hasMessage("the conf value at conf.tiny is 1.5e-400, closer to zero than the smallest number "
                        + "Airflow's Python keeps (about 4.9e-324): Python would read it as 0.0. Send it as a string "
                        + "(\"1.5e-400\"), or as 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e308", "-1.7976931348623157e308", "4.9e-324", "0.0", "-0.0", "0e-400", "0.000e999",
            "123456789012345678901234567890123456789012345678901234567890", "1.5", "-0"})
    void numbersPythonKeeps_areAccepted(String number) {
        assertThatCode(() -> DagRunRequest.of("d", "r", Json.parseObject("{\"n\": [" + number + "]}", "conf")))
                .doesNotThrowAnyException();
    }

    /** A conf {@code depth} levels deep, the conf object counting as 1. */
    private static JsonObject nested(int depth) {
        JsonObject conf = JsonObject.builder().put("leaf", 1).build();
        for (int level = 1; level < depth; level++) {
            conf = JsonObject.builder().put("a", conf).build();
        }
        return conf;
    }
}
