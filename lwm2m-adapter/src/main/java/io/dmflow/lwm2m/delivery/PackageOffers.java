package io.dmflow.lwm2m.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packages devices may pull right now, each under its own random token (256 bits, so a token
 * cannot be guessed from another) and only until its offer expires.
 */
public final class PackageOffers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, PackageOffer> offers = new ConcurrentHashMap<>();
    private final Clock clock;

    public PackageOffers(Clock clock) {
        this.clock = clock;
    }

    public PackageOffer offer(PackageSource source, Duration validity) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PackageOffer offer = new PackageOffer(token, source, clock.instant().plus(validity));
        offers.put(token, offer);
        removeExpired();
        return offer;
    }

    /** The package under {@code token}, unless there is none or its offer expired. */
    public Optional<PackageSource> find(String token) {
        PackageOffer offer = offers.get(token);
        if (offer == null) {
            return Optional.empty();
        }
        if (offer.isExpired(clock.instant())) {
            offers.remove(token, offer);
            return Optional.empty();
        }
        return Optional.of(offer.source());
    }

    public void withdraw(String token) {
        offers.remove(token);
    }

    private void removeExpired() {
        Instant now = clock.instant();
        offers.values().removeIf(offer -> offer.isExpired(now));
    }
}
