package io.dmflow.simulator.delivery;

/**
 * What a device knows about a package it received.
 *
 * @param name package name from the header, or {@code unnamed}
 * @param version package version from the header, or one derived from the digest
 * @param size number of bytes received
 * @param sha256 digest of all received bytes, for tests that compare with what was sent
 * @param intact false when the header's digest does not match the payload
 */
public record ReceivedPackage(String name, String version, int size, String sha256, boolean intact) {}
