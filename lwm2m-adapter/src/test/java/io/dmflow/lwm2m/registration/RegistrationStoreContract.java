package io.dmflow.lwm2m.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.Destroyable;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.core.Startable;
import org.eclipse.leshan.core.Stoppable;
import org.eclipse.leshan.core.endpoint.EndpointUri;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.ObservationIdentifier;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mIdentity;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.peer.SocketIdentity;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Deregistration;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationStore;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.registration.UpdatedRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the management server relies on from a {@link RegistrationStore}, whichever keeps the registrations: Leshan's
 * in-memory store here, dmflow's PostgreSQL store in api. A registration is found by id, endpoint, address and
 * identity; registering again replaces it and hands back the old one with its observations; observations belong to
 * one registration and a newer one of the same path replaces the older; a registration whose lifetime passed is
 * removed and reported with its observations.
 */
public abstract class RegistrationStoreContract {

    /** How often the store under test looks for expired registrations. */
    protected static final Duration EXPIRATION_CHECK = Duration.ofSeconds(1);

    private static final EndpointUri SERVER_URI = new EndpointUri("coap", "127.0.0.1", 5683);

    protected RegistrationStore store;
    private final List<Registration> expired = new CopyOnWriteArrayList<>();
    private final List<Collection<Observation>> expiredObservations = new CopyOnWriteArrayList<>();

    /** A new, empty store that checks for expired registrations every {@link #EXPIRATION_CHECK}. */
    protected abstract RegistrationStore newStore();

    @BeforeEach
    void startStore() {
        store = newStore();
        store.setExpirationListener((registration, observations) -> {
            expiredObservations.add(observations);
            expired.add(registration);
        });
        if (store instanceof Startable startable) {
            startable.start();
        }
    }

    @AfterEach
    void stopStore() {
        close(store);
    }

    protected static void close(RegistrationStore store) {
        if (store instanceof Stoppable stoppable) {
            stoppable.stop();
        }
        if (store instanceof Destroyable destroyable) {
            destroyable.destroy();
        }
    }

    @Test
    void aRegistrationIsFoundByIdEndpointAddressAndIdentityWithEverythingItSaid() {
        Registration registration = psk("reg-1", "dev-1", 40001);

        assertThat(store.addRegistration(registration)).isNull();

        assertThat(store.getRegistration("reg-1")).isEqualTo(registration);
        assertSameRegistration(store.getRegistration("reg-1"), registration);
        assertThat(store.getRegistrationByEndpoint("dev-1")).isEqualTo(registration);
        assertThat(store.getRegistrationByAdress(new InetSocketAddress("127.0.0.1", 40001)))
                .isEqualTo(registration);
        assertThat(store.getRegistrationByIdentity(new PskIdentity("id-dev-1"))).isEqualTo(registration);
        assertThat(all()).containsExactly(registration);
        assertThat(store.getRegistration("reg-unknown")).isNull();
        assertThat(store.getRegistrationByEndpoint("dev-unknown")).isNull();
    }

    @Test
    void registeringAgainReplacesTheRegistrationAndHandsBackTheOldOneWithItsObservations() {
        store.addRegistration(noSec("reg-1", "dev-1", 40001));
        Observation observed = single("reg-1", 1, "/3/0/15");
        store.addObservation("reg-1", observed, false);

        Registration again = noSec("reg-2", "dev-1", 40002);
        Deregistration replaced = store.addRegistration(again);

        assertThat(replaced.getRegistration().getId()).isEqualTo("reg-1");
        assertThat(replaced.getObservations()).containsExactly(observed);
        assertThat(store.getRegistrationByEndpoint("dev-1")).isEqualTo(again);
        assertThat(store.getRegistration("reg-1")).isNull();
        assertThat(store.getRegistrationByAdress(new InetSocketAddress("127.0.0.1", 40001)))
                .isNull();
        assertThat(store.getObservation(observed.getId())).isNull();
        assertThat(all()).containsExactly(again);
    }

    @Test
    void anUpdateChangesWhatTheDeviceSentAndAnswersBeforeAndAfter() {
        Registration registration = noSec("reg-1", "dev-1", 40001);
        store.addRegistration(registration);
        IpPeer moved = new IpPeer(new InetSocketAddress("127.0.0.1", 40009));

        UpdatedRegistration updated = store.updateRegistration(new RegistrationUpdate(
                "reg-1", moved, 600L, null, null, links("</1/0>,</3/0>,</5/0>"), null, null, null, null, null, null));

        assertThat(updated.getPreviousRegistration()).isEqualTo(registration);
        Registration now = updated.getUpdatedRegistration();
        assertThat(now.getLifeTimeInSec()).isEqualTo(600L);
        assertThat(now.getSocketAddress().getPort()).isEqualTo(40009);
        assertThat(now.getObjectLinks()).hasSize(3);
        assertThat(store.getRegistration("reg-1")).isEqualTo(now);
        assertSameRegistration(store.getRegistration("reg-1"), now);
        assertThat(store.getRegistrationByAdress(new InetSocketAddress("127.0.0.1", 40009)))
                .isEqualTo(now);
        assertThat(store.getRegistrationByAdress(new InetSocketAddress("127.0.0.1", 40001)))
                .isNull();
        assertThat(store.updateRegistration(new RegistrationUpdate(
                        "reg-unknown", moved, 600L, null, null, null, null, null, null, null, null, null)))
                .isNull();
    }

    @Test
    void aDeregistrationRemovesTheRegistrationAndHandsBackItsObservations() {
        store.addRegistration(noSec("reg-1", "dev-1", 40001));
        store.addRegistration(noSec("reg-2", "dev-2", 40002));
        Observation one = single("reg-1", 1, "/3/0/15");
        Observation other = single("reg-2", 2, "/3/0/15");
        store.addObservation("reg-1", one, false);
        store.addObservation("reg-2", other, false);

        Deregistration removed = store.removeRegistration("reg-1");

        assertThat(removed.getRegistration().getEndpoint()).isEqualTo("dev-1");
        assertThat(removed.getObservations()).containsExactly(one);
        assertThat(store.getRegistration("reg-1")).isNull();
        assertThat(store.getRegistrationByEndpoint("dev-1")).isNull();
        assertThat(store.getObservation(one.getId())).isNull();
        assertThat(store.getObservation(other.getId())).isEqualTo(other);
        assertThat(store.removeRegistration("reg-1")).isNull();
    }

    @Test
    void observationsBelongToTheirRegistrationAndANewerOneOfTheSamePathReplacesTheOlder() {
        store.addRegistration(noSec("reg-1", "dev-1", 40001));
        store.addRegistration(noSec("reg-2", "dev-2", 40002));
        Observation firmware = single("reg-1", 1, "/5/0/3");
        Observation timezone = single("reg-1", 2, "/3/0/15");
        Observation composite = composite("reg-1", 3, "/3/0/13", "/3/0/14");
        store.addObservation("reg-1", firmware, false);
        store.addObservation("reg-1", timezone, false);
        store.addObservation("reg-1", composite, false);

        assertThat(store.getObservations("reg-1")).containsExactlyInAnyOrder(firmware, timezone, composite);
        assertThat(store.getObservations("reg-2")).isEmpty();
        assertThat(store.getObservation(timezone.getId())).isEqualTo(timezone);
        assertThat(store.getObservation("reg-1", timezone.getId())).isEqualTo(timezone);
        assertThat(store.getObservation("reg-2", timezone.getId())).isNull();
        SingleObservation found = (SingleObservation) store.getObservation(firmware.getId());
        assertThat(found.getPath()).isEqualTo(new LwM2mPath("/5/0/3"));
        assertThat(found.getContentFormat()).isEqualTo(ContentFormat.TLV);
        assertThat(found.getContext()).isEqualTo(firmware.getContext());
        assertThat(found.getProtocolData()).isEqualTo(firmware.getProtocolData());
        CompositeObservation foundComposite = (CompositeObservation) store.getObservation(composite.getId());
        assertThat(foundComposite.getPaths()).containsExactly(new LwM2mPath("/3/0/13"), new LwM2mPath("/3/0/14"));
        assertThat(foundComposite.getRequestContentFormat()).isEqualTo(ContentFormat.SENML_CBOR);
        assertThat(foundComposite.getResponseContentFormat()).isEqualTo(ContentFormat.SENML_JSON);

        Observation newerTimezone = single("reg-1", 4, "/3/0/15");
        assertThat(store.addObservation("reg-1", newerTimezone, false)).containsExactly(timezone);
        assertThat(store.getObservation(timezone.getId())).isNull();
        assertThat(store.getObservations("reg-1")).containsExactlyInAnyOrder(firmware, newerTimezone, composite);

        assertThat(store.removeObservation("reg-2", firmware.getId()))
                .as("another registration's observation")
                .isNull();
        assertThat(store.removeObservation("reg-1", firmware.getId())).isEqualTo(firmware);
        assertThat(store.getObservation(firmware.getId())).isNull();
        assertThat(store.removeObservations("reg-1")).containsExactlyInAnyOrder(newerTimezone, composite);
        assertThat(store.getObservations("reg-1")).isEmpty();
    }

    @Test
    void anObservationNeedsItsRegistration() {
        assertThatThrownBy(() -> store.addObservation("reg-unknown", single("reg-unknown", 1, "/3/0/15"), false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRegistrationWhoseLifetimePassedIsRemovedAndReportedWithItsObservations() {
        Date longAgo = new Date(System.currentTimeMillis() - 60_000);
        Registration lapsed = new Registration.Builder(noSec("reg-1", "dev-1", 40001))
                .lifeTimeInSec(1L)
                .registrationDate(longAgo)
                .lastUpdate(longAgo)
                .build();
        Registration alive = noSec("reg-2", "dev-2", 40002);
        store.addRegistration(lapsed);
        store.addRegistration(alive);
        Observation observed = single("reg-1", 1, "/3/0/15");
        store.addObservation("reg-1", observed, false);

        await().atMost(EXPIRATION_CHECK.multipliedBy(5)).until(() -> !expired.isEmpty());

        assertThat(expired).extracting(Registration::getId).containsExactly("reg-1");
        assertThat(expiredObservations.get(0)).containsExactly(observed);
        assertThat(store.getRegistration("reg-1")).isNull();
        assertThat(store.getObservation(observed.getId())).isNull();
        assertThat(store.getRegistration("reg-2")).isEqualTo(alive);
    }

    // ---- what the tests register and observe

    protected static Registration noSec(String id, String endpoint, int port) {
        return registration(id, endpoint, port, new SocketIdentity(new InetSocketAddress("127.0.0.1", port)));
    }

    protected static Registration psk(String id, String endpoint, int port) {
        return registration(id, endpoint, port, new PskIdentity("id-" + endpoint));
    }

    private static Registration registration(String id, String endpoint, int port, LwM2mIdentity identity) {
        Date registeredAt = new Date(System.currentTimeMillis() - 1000);
        return new Registration.Builder(
                        id, endpoint, new IpPeer(new InetSocketAddress("127.0.0.1", port), identity), SERVER_URI)
                .registrationDate(registeredAt)
                .lastUpdate(registeredAt)
                .lifeTimeInSec(300L)
                .lwM2mVersion(LwM2mVersion.V1_1)
                .bindingMode(EnumSet.of(BindingMode.U))
                .queueMode(false)
                .objectLinks(links("</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3>;ver=1.1,</3/0>"))
                .rootPath("/")
                .supportedContentFormats(
                        ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.TEXT)
                .supportedObjects(Map.of(1, new Version("1.1"), 3, new Version("1.1")))
                .availableInstances(java.util.Set.of(new LwM2mPath(1, 0), new LwM2mPath(3, 0)))
                .additionalRegistrationAttributes(Map.of("imei", "35-209900-176148-1"))
                .customRegistrationData(Map.of("dmflow", "kept"))
                .build();
    }

    protected static org.eclipse.leshan.core.link.Link[] links(String coreLinkFormat) {
        try {
            return new DefaultLwM2mLinkParser().parseCoreLinkFormat(coreLinkFormat.getBytes(StandardCharsets.UTF_8));
        } catch (org.eclipse.leshan.core.link.LinkParseException e) {
            throw new IllegalArgumentException(coreLinkFormat, e);
        }
    }

    protected static Observation single(String registrationId, int token, String path) {
        return new SingleObservation(
                new ObservationIdentifier(SERVER_URI, new byte[] {1, 2, 3, (byte) token}),
                registrationId,
                new LwM2mPath(path),
                ContentFormat.TLV,
                Map.of("dmflow", "context of " + path),
                Map.of("coap", "serialized request of " + path));
    }

    private static Observation composite(String registrationId, int token, String... paths) {
        return new CompositeObservation(
                new ObservationIdentifier(SERVER_URI, new byte[] {1, 2, 3, (byte) token}),
                registrationId,
                java.util.Arrays.stream(paths).map(LwM2mPath::new).toList(),
                ContentFormat.SENML_CBOR,
                ContentFormat.SENML_JSON,
                Map.of(),
                Map.of("coap", "serialized composite request"));
    }

    private List<Registration> all() {
        List<Registration> registrations = new ArrayList<>();
        store.getAllRegistrations().forEachRemaining(registrations::add);
        return registrations;
    }

    /** Field by field, because Registration's equals would hide which one a store lost. */
    protected static void assertSameRegistration(Registration actual, Registration expected) {
        assertThat(actual.getId()).isEqualTo(expected.getId());
        assertThat(actual.getEndpoint()).isEqualTo(expected.getEndpoint());
        assertThat(actual.getClientTransportData()).isEqualTo(expected.getClientTransportData());
        assertThat(actual.getEndpointUri()).isEqualTo(expected.getEndpointUri());
        assertThat(actual.getRegistrationDate()).isEqualTo(expected.getRegistrationDate());
        assertThat(actual.getLastUpdate()).isEqualTo(expected.getLastUpdate());
        assertThat(actual.getLifeTimeInSec()).isEqualTo(expected.getLifeTimeInSec());
        assertThat(actual.getLwM2mVersion()).isEqualTo(expected.getLwM2mVersion());
        assertThat(actual.getBindingMode()).isEqualTo(expected.getBindingMode());
        assertThat(actual.getQueueMode()).isEqualTo(expected.getQueueMode());
        assertThat(actual.getObjectLinks()).isEqualTo(expected.getObjectLinks());
        assertThat(actual.getRootPath()).isEqualTo(expected.getRootPath());
        assertThat(actual.getSupportedContentFormats()).isEqualTo(expected.getSupportedContentFormats());
        assertThat(actual.getSupportedObject()).isEqualTo(expected.getSupportedObject());
        assertThat(actual.getAvailableInstances()).isEqualTo(expected.getAvailableInstances());
        assertThat(actual.getAdditionalRegistrationAttributes())
                .isEqualTo(expected.getAdditionalRegistrationAttributes());
        assertThat(actual.getCustomRegistrationData()).isEqualTo(expected.getCustomRegistrationData());
        assertThat(actual.getExpirationTimeStamp()).isEqualTo(expected.getExpirationTimeStamp());
    }
}
