package io.github.mwaatrigger.emulator.tls;

import java.util.Objects;

/**
 * An X.500 name made of a single common name, which is all a throwaway authority and a loopback
 * server need.
 *
 * <p>The encoding is deterministic, so an issuer name built from the authority's name is
 * byte-identical to the authority's subject name, as chain building requires.
 */
record DistinguishedName(String commonName) {
    private static final String COMMON_NAME = "2.5.4.3";

    DistinguishedName {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("common name must not be blank");
        }
    }

    /** The DER {@code Name}: one relative distinguished name holding the common name as a UTF8String. */
    byte[] encoded() {
        byte[] attribute = Der.sequence(Der.objectIdentifier(COMMON_NAME), Der.utf8String(commonName));
        return Der.sequence(Der.setOf(attribute));
    }
}
