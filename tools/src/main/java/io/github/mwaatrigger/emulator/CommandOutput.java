package io.github.mwaatrigger.emulator;

/** What an emulated Airflow CLI command printed. */
record CommandOutput(String stdout, String stderr) {

    static CommandOutput out(String stdout) {
        return new CommandOutput(stdout, "");
    }

    static CommandOutput err(String stderr) {
        return new CommandOutput("", stderr);
    }

    /** The same output with {@code stdout} and {@code stderr} put before it (log lines, warnings). */
    CommandOutput after(String stdoutBefore, String stderrBefore) {
        return new CommandOutput(stdoutBefore + stdout, stderrBefore + stderr);
    }
}
