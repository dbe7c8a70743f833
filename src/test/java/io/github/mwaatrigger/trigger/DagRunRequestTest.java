package io.github.mwaatrigger.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.airflow.AirflowDialect;
import io.github.mwaatrigger.airflow.AirflowVersion;
import io.github.mwaatrigger.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The conf limit counts the bytes that are sent, which escaping can make larger than the conf's UTF-8 JSON. */
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
}
