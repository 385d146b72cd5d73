package io.dmflow.api.lwm2m;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The LwM2M management server: where it listens (a negative port disables that protocol) and how it talks to devices. */
@ConfigMapping(prefix = "dmflow.lwm2m")
public interface Lwm2mServerConfig {

    /**
     * false: this process serves no devices, e.g. an API replica beside the replica that does (docs/deployment.md):
     * no LwM2M port is opened and no device event arises here. Its job workers must be off too, since every device
     * step would fail on it.
     */
    @WithDefault("true")
    boolean enabled();

    /** The ports taken when {@code coap.port} or {@code coaps.port} is not set. */
    int COAP_PORT = 5683;

    int COAPS_PORT = 5684;

    Endpoint coap();

    Endpoint coaps();

    /** How often registrations whose lifetime ran out are found and the devices marked offline. */
    @WithDefault("10s")
    Duration expirationCheckInterval();

    Queue queue();

    interface Queue {

        /** How long a queue-mode device listens after its last message before it counts as sleeping. */
        @WithDefault("93s")
        Duration awakeTime();
    }

    /** How long an ordinary request waits for the device's answer. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** How long a block-wise transfer (a package push) may take. */
    @WithDefault("10m")
    Duration blockTransferTimeout();

    /** Requests in flight to one device at a time. */
    @WithDefault("1")
    int requestsPerDevice();

    /** Notifications and Sends of one device handled per second; the rest are left out, with a warning. */
    @WithDefault("20")
    int reportsPerDeviceAndSecond();

    /** How many devices' registrations, updates and reports are handled at once (each device's in order). */
    @WithDefault("" + DeviceManagementServer.EVENT_LANES)
    int eventLanes();

    /** CoAP block size of block-wise transfers (16 to 1024, a power of two). */
    @WithDefault("1024")
    int blockSize();

    /** The largest package pushed or served over CoAP, in bytes. */
    @WithDefault("67108864")
    int maxPackageBytes();

    /** A folder of extra object definitions (DDF XML files), loaded at start. */
    Optional<java.nio.file.Path> modelsDir();

    /** Package downloads: where devices reach dmflow, and for how long an offer holds. */
    Delivery delivery();

    interface Delivery {

        /** Base of CoAP download URIs (Coiote's preferredPublicURLBase), e.g. coap://dm.example.com:5683. */
        Optional<URI> publicUrlBase();

        /** Base of CoAPS download URIs. */
        Optional<URI> publicUrlBaseCoaps();

        /** Base of HTTP(S) download URIs (preferredPublicURLBaseHTTP), e.g. https://dm.example.com. */
        Optional<URI> publicUrlBaseHttp();

        @WithDefault("24h")
        Duration offerValidity();
    }

    /**
     * The server's X.509 identity, for devices using certificates: PEM files of its certificate chain (its own
     * certificate first), its PKCS#8 private key, and the authorities devices' certificates must chain to. Without
     * them the server has an EC key pair of its own (RPK), kept in the database.
     */
    X509 x509();

    interface X509 {

        Optional<java.nio.file.Path> certificateChain();

        Optional<java.nio.file.Path> privateKey();

        Optional<java.nio.file.Path> trustedCertificates();
    }

    Dtls dtls();

    interface Dtls {

        /**
         * Where the DTLS connections are kept from a graceful stop to the next start (sealed with the secrets key);
         * default beside the embedded database's data folder, {@code <data-dir>.dtls-connections}.
         */
        Optional<java.nio.file.Path> connectionsFile();
    }

    /** UDP receive buffer; fleets that register at once overflow a small one. */
    @WithDefault("4194304")
    int udpReceiveBufferBytes();
}
