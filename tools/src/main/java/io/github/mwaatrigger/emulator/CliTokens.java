package io.github.mwaatrigger.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The CLI tokens the emulator has issued, each accepted until it expires. Thread-safe. */
final class CliTokens {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    CliTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new token, valid for the configured lifetime from now. */
    String issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, clock.instant().plus(lifetime));
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = expiryByToken.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Makes every token issued so far invalid, as if their 60 s had passed. */
    void expireAll() {
        Instant now = clock.instant();
        expiryByToken.replaceAll((token, expiry) -> now);
    }

    /** Every token issued, so that tests can check none of them leaked into logs or output. */
    List<String> issued() {
        return List.copyOf(expiryByToken.keySet());
    }
}
