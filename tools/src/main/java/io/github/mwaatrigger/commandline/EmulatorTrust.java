package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.io.IOException;

/** How this process comes to trust a local emulator's certificates and hold its credentials. */
@FunctionalInterface
interface EmulatorTrust {

    void trust(MwaaEmulator emulator, EmulatorConfig config) throws IOException;
}
