package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.config.Environment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A port something else already listens on is one line naming it and the option to change, and exit 2. */
class PortInUseTest {

    private ServerSocket taken;
    private final ToolRun tool = new ToolRun(new Environment(Map.of()), () -> {
        throw new AssertionError("nothing should start serving");
    });

    @BeforeEach
    void takeAPort() throws IOException {
        taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void releaseIt() throws IOException {
        taken.close();
    }

    @Test
    void emulatorOnATakenControlPlanePort_saysSoInOneLineAndExitsWithTwo() {
        int code = tool.run("emulator", "--control-plane-port", port());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(tool.stderr()).isEqualTo("mwaa-trigger: port " + port() + " on 127.0.0.1 is already in use: stop "
                + "what listens there, or choose another port with --control-plane-port (0 picks a free one)\n");
        assertThat(tool.stdout()).doesNotContain("export", "READY");
    }

    @Test
    void emulatorOnATakenWebServerPort_namesThatOption() {
        int code = tool.run("emulator", "--web-server-port", port());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(tool.stderr()).isEqualTo("mwaa-trigger: port " + port() + " on 127.0.0.1 is already in use: stop "
                + "what listens there, or choose another port with --web-server-port (0 picks a free one)\n");
    }

    @Test
    void emulatorWhoseControlPlanePortIsTaken_releasesTheWebServerPortItHadBound() throws IOException {
        int webServerPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            webServerPort = probe.getLocalPort();
        }

        tool.run("emulator", "--web-server-port", Integer.toString(webServerPort), "--control-plane-port", port());

        try (ServerSocket again = new ServerSocket(webServerPort, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(webServerPort);
        }
    }

    @Test
    void serveOnATakenPort_saysSoInOneLine_andStopsItsEmulatorAndRemovesItsFiles() {
        int code = tool.run("serve", "--port", port());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(tool.stderr()).isEqualTo("mwaa-trigger: port " + port() + " on 127.0.0.1 is already in use: stop "
                + "what listens there, or choose another port with --port (0 picks a free one)\n");
        assertThat(tool.emulatorsStarted()).singleElement().satisfies(emulator -> assertThat(
                refusesConnections(emulator.controlPlaneEndpoint().getPort())).isTrue());
        assertThat(Path.of(tool.trustProperties().getProperty("javax.net.ssl.trustStore")).getParent())
                .doesNotExist();
    }

    private String port() {
        return Integer.toString(taken.getLocalPort());
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
