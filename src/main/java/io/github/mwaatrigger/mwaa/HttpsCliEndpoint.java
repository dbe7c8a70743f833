package io.github.mwaatrigger.mwaa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The Airflow web server's CLI endpoint, {@code POST https://<WebServerHostname>/aws_mwaa/cli}: one HTTPS
 * request per call, with the JVM's default trust ({@link DefaultTrust}) and host name verification (a
 * test CA can only come in through the standard {@code javax.net.ssl.trustStore} property). Idle
 * connections are kept alive by the JDK between calls.
 *
 * <p>Redirects are followed only to the same host, re-sending the same command, as Airflow 3 web servers
 * may redirect; the bearer token never goes to another host. A redirect that is not followed is reported
 * as {@link CliExchange.Redirected}.
 */
public final class HttpsCliEndpoint implements CliEndpoint {

    static final String PATH = "/aws_mwaa/cli";
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\\d{1,5})?");
    static final int MAX_REDIRECTS = 3;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Lazy<SSLSocketFactory> SOCKETS =
            new Lazy<>(() -> new NoDelaySocketFactory(DefaultTrust.socketFactory()));
    /**
     * The JDK's {@code HttpURLConnection} logs every request header, the bearer token included, at FINE.
     * This logger is held at INFO (and referenced here so that the setting is not garbage-collected), so
     * that turning on debug logging cannot leak a token.
     */
    private static final Logger JDK_HTTP_LOGGER = quieted(Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection"));

    private final Supplier<SSLSocketFactory> sockets;

    /** The endpoint with the JVM's default trust. */
    public HttpsCliEndpoint() {
        this(SOCKETS);
    }

    /** The endpoint over {@code sockets}: a {@link CallRehearsal}'s, which trust only its stand-in. */
    HttpsCliEndpoint(SSLSocketFactory sockets) {
        this(() -> sockets);
    }

    private HttpsCliEndpoint(Supplier<SSLSocketFactory> sockets) {
        this.sockets = sockets;
    }

    @Override
    public CliExchange post(CliToken token, String commandLine, Deadline deadline) {
        URL url;
        try {
            url = cliUrl(token.webServerHostname());
        } catch (IllegalArgumentException e) {
            return new CliExchange.NotSent(new IOException(e.getMessage(), e));
        }
        byte[] body = commandLine.getBytes(StandardCharsets.UTF_8);
        for (int redirects = 0; ; redirects++) {
            URL from = url;
            Attempt attempt = send(from, token, body, deadline, sockets.get());
            if (!(attempt.exchange() instanceof CliExchange.Answered answered) || !isRedirect(answered.status())) {
                return attempt.exchange();
            }
            Optional<URL> target = attempt.location().flatMap(location -> resolve(from, location));
            boolean followable = target.isPresent() && sameOrigin(from, target.get());
            if (!followable || redirects == MAX_REDIRECTS) {
                return new CliExchange.Redirected(answered.status(), target.map(HttpsCliEndpoint::origin), followable);
            }
            url = target.get();
        }
    }

    /** One request's exchange, and its {@code Location} header if it has one and redirects. */
    private record Attempt(CliExchange exchange, Optional<String> location) {
        Attempt(CliExchange exchange) {
            this(exchange, Optional.empty());
        }
    }

    static URL cliUrl(String webServerHostname) {
        if (!HOSTNAME.matcher(webServerHostname).matches()) {
            throw new IllegalArgumentException("WebServerHostname '" + webServerHostname
                    + "' is not a host name with an optional port");
        }
        try {
            return new URI("https://" + webServerHostname + PATH).toURL();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalArgumentException("WebServerHostname '" + webServerHostname + "' is not usable: "
                    + e.getMessage(), e);
        }
    }

    /**
     * One request. The connect time-out and, once connected (the TLS handshake included), the read
     * time-out are set to what is left of {@code deadline}; a server that trickles its answer can still
     * stretch a read, which the JDK's {@code HttpURLConnection} does not bound as a whole.
     */
    private static Attempt send(URL url, CliToken token, byte[] body, Deadline deadline, SSLSocketFactory sockets) {
        HttpsURLConnection connection;
        try {
            connection = (HttpsURLConnection) url.openConnection();
            connection.setSSLSocketFactory(sockets);
            connection.setRequestMethod("POST");
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setDoOutput(true);
            connection.setConnectTimeout(millis(min(deadline.remaining(), MAX_CONNECT_TIMEOUT)));
            connection.setReadTimeout(millis(deadline.remaining()));
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Authorization", "Bearer " + token.value());
            connection.setRequestProperty("Content-Type", "text/plain");
            connection.setRequestProperty("Accept", "application/json");
            connection.connect();
            connection.setReadTimeout(millis(deadline.remaining()));
        } catch (IOException e) {
            return new Attempt(new CliExchange.NotSent(e));
        }
        try {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            byte[] bytes = readBody(connection, status);
            if (bytes.length > MAX_BODY_BYTES) {
                connection.disconnect();
                if (status == 200) {
                    return new Attempt(new CliExchange.TooLarge(MAX_BODY_BYTES));
                }
                bytes = Arrays.copyOf(bytes, MAX_BODY_BYTES);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            Optional<String> location = isRedirect(status)
                    ? Optional.ofNullable(connection.getHeaderField("Location"))
                    : Optional.empty();
            return new Attempt(new CliExchange.Answered(status, text, retryAfter(connection)), location);
        } catch (IOException e) {
            connection.disconnect();
            return new Attempt(new CliExchange.Lost(e));
        }
    }

    /**
     * The body, up to one byte more than {@link #MAX_BODY_BYTES}, so that a larger one can be told apart;
     * the rest is not read. Only a 200's body is used in full; of any other, only an excerpt is shown.
     */
    private static byte[] readBody(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? new byte[0] : in.readNBytes(MAX_BODY_BYTES + 1);
        }
    }

    private static Optional<Duration> retryAfter(HttpURLConnection connection) {
        String value = connection.getHeaderField("Retry-After");
        if (value == null || !value.strip().matches("\\d{1,4}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Optional<URL> resolve(URL from, String location) {
        try {
            return Optional.of(from.toURI().resolve(location.strip()).toURL());
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean sameOrigin(URL from, URL target) {
        return "https".equals(target.getProtocol())
                && from.getHost().equalsIgnoreCase(target.getHost())
                && from.getPort() == target.getPort();
    }

    /** Where {@code url} leads, without its path or query: {@code https://host:port}. */
    private static String origin(URL url) {
        return url.getProtocol() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    private static Logger quieted(Logger logger) {
        Level level = logger.getLevel();
        if (level == null || level.intValue() < Level.INFO.intValue()) {
            logger.setLevel(Level.INFO);
        }
        return logger;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
