package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwaatrigger.testing.TestEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The MWAA API emulation refuses faults it cannot act out, instead of silently using them up. */
class ControlPlaneFaultsTest {

    @Test
    void aFaultTheControlPlaneCannotActOut_isRefusedAtInjection() {
        try (MwaaEmulator emulator = TestEmulator.start(EmulatorConfig.builder())) {
            assertThatThrownBy(() -> emulator.injectControlPlaneFaults(Fault.status(500),
                    new Fault.Delay(Duration.ofMillis(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Delay");
        }
    }
}
