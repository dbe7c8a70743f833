package io.github.mwaatrigger.mwaa;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells, from why a connection failed, the failures that no retry can cure and what fixes them: a server
 * certificate this JVM does not trust, or one issued for another host name (always), and nothing listening,
 * or a host name that does not resolve, at an endpoint override such as the local emulator. On AWS's own
 * endpoints a refused connection or a failed name lookup may pass, so those stay retryable there.
 */
final class ConnectionFailures {

    private static final int MAX_REASON_CHARS = 160;

    private ConnectionFailures() {
    }

    /** The certificate problem behind {@code failure}, if it is one, in words that say what to do. */
    static Optional<String> certificateProblem(Throwable failure, String url) {
        Optional<Throwable> mismatch = find(failure, ConnectionFailures::isHostNameMismatch);
        if (mismatch.isPresent()) {
            return Optional.of("the TLS certificate of " + url + " is not issued for that host name ("
                    + reason(mismatch.get()) + "), so nothing was sent: use a host name the certificate names (for the "
                    + "local emulator: 127.0.0.1 or localhost)");
        }
        Optional<Throwable> untrusted = find(failure, ConnectionFailures::isCertificateFailure);
        if (untrusted.isPresent()) {
            return Optional.of("the TLS certificate of " + url + " is not trusted by this JVM ("
                    + reason(untrusted.get()) + "), so nothing was sent: for the local emulator, set MWAA_TRUSTSTORE "
                    + "(command-line tool) or -Djavax.net.ssl.trustStore to the truststore it printed; if a proxy "
                    + "inspects TLS, add its CA to the truststore that -Djavax.net.ssl.trustStore names");
        }
        return Optional.empty();
    }

    /**
     * What {@code failure} to reach the endpoint override {@code endpoint} says about it, if it is a
     * certificate problem, a refused connection or a host name that does not resolve.
     */
    static Optional<String> atEndpointOverride(Throwable failure, URI endpoint) {
        String url = origin(endpoint);
        Optional<String> certificate = certificateProblem(failure, url);
        if (certificate.isPresent()) {
            return certificate;
        }
        if (find(failure, ConnectException.class::isInstance).isPresent()) {
            return Optional.of("nothing listens on " + url + ": is the emulator running? (AWS_ENDPOINT_URL_MWAA or "
                    + "AWS_ENDPOINT_URL points the MWAA API there; unset it to use AWS)");
        }
        if (find(failure, UnknownHostException.class::isInstance).isPresent()) {
            return Optional.of("the host of " + url + " cannot be found: check AWS_ENDPOINT_URL_MWAA or "
                    + "AWS_ENDPOINT_URL");
        }
        return Optional.empty();
    }

    /** {@code https://host:port} of {@code endpoint}, without path or query. */
    static String origin(URI endpoint) {
        String port = endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + port;
    }

    private static boolean isHostNameMismatch(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t instanceof CertificateException && (message.startsWith("No subject alternative")
                        || message.startsWith("No name matching"))
                || message.startsWith("HTTPS hostname wrong");
    }

    /**
     * A certificate the JDK refused: its own exception types, or a handshake failure that says so (the JDK
     * reports an untrusted chain as {@code PKIX path building failed}).
     */
    private static boolean isCertificateFailure(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t instanceof CertificateException || t instanceof CertPathValidatorException
                || t instanceof SSLPeerUnverifiedException
                || t instanceof SSLHandshakeException && (message.contains("PKIX") || message.contains("certificat"));
    }

    private static Optional<Throwable> find(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The JDK's own words, shortened: {@code PKIX path building failed}, {@code No subject alternative ...}. */
    private static String reason(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int nested = message.indexOf(": sun.security");
        String reason = nested > 0 ? message.substring(0, nested) : message;
        return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "..." : reason;
    }
}
