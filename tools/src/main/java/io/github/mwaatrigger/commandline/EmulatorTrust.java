package io.github.mwaatrigger.commandline;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import io.github.mwaatrigger.emulator.MwaaEmulator;
import java.io.IOException;

/** How this process comes to trust a local emulator's certificates and hold its credentials. */
@FunctionalInterface
interface EmulatorTrust {

    /** Trusts {@code emulator}; closing what it returns deletes the files that needed (once the emulator stops). */
    Trusted trust(MwaaEmulator emulator, EmulatorConfig config) throws IOException;

    /** What {@link #trust} set up; {@link #close()} removes its files and never throws. */
    @FunctionalInterface
    interface Trusted extends AutoCloseable {
        @Override
        void close();
    }
}
