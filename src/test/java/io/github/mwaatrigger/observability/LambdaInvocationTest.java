package io.github.mwaatrigger.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.testing.TestLambdaContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaInvocationTest {

    @Test
    void inLambda_namesTheFunctionAndTheRequests() {
        LambdaInvocation invocation = LambdaInvocation.of(new TestLambdaContext("req-1", Duration.ofSeconds(5)), "api-1");

        assertThat(invocation).isEqualTo(new LambdaInvocation("test-function", "req-1", Optional.of("api-1")));
    }

    @Test
    void aRuntimeThatGivesNoFunctionNameOrRequestId_stillGetsItsLine_ratherThanAFailedTrigger() {
        TestLambdaContext bare = new TestLambdaContext("req-1", Duration.ofSeconds(5)) {
            @Override
            public String getFunctionName() {
                return null;
            }

            @Override
            public String getAwsRequestId() {
                return "";
            }
        };

        LambdaInvocation invocation = LambdaInvocation.of(bare);

        assertThat(invocation.function()).isEqualTo("unknown");
        assertThat(invocation.requestId()).isEqualTo("unknown");
        assertThat(invocation.apiRequestId()).isEmpty();
    }
}
