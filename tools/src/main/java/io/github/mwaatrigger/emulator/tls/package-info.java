/**
 * TLS for the MWAA emulator: a throwaway certificate authority, created at start-up, that issues a
 * certificate for the emulator's loopback address, so real clients can use HTTPS with normal
 * certificate and hostname verification. BouncyCastle encodes the certificates; keys, signatures and
 * key stores are the JDK's.
 */
package io.github.mwaatrigger.emulator.tls;
