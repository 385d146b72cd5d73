package io.dmflow.lwm2m.delivery;

import java.time.Instant;

/** A package made downloadable under an unguessable token until it expires. */
public record PackageOffer(String token, PackageSource source, Instant expiresAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
