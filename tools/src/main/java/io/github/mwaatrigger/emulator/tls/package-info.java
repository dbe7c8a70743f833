/**
 * TLS for the MWAA emulator: a throwaway certificate authority, created at start-up, that issues a
 * certificate for the emulator's loopback address, so real clients can use HTTPS with normal
 * certificate and hostname verification. Built on the JDK alone, with a minimal DER encoder.
 */
package io.github.mwaatrigger.emulator.tls;
