package io.github.mwaatrigger.commandline;

/** Entry point of {@code mwaa-trigger.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: mwaa-trigger <cli|trigger|emulator> ...");
        System.exit(2);
    }
}
