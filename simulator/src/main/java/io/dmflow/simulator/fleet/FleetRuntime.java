package io.dmflow.simulator.fleet;

import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.simulator.delivery.CoapPackageDownloader;
import io.dmflow.simulator.delivery.HttpPackageDownloader;
import io.dmflow.simulator.delivery.PackageDownloader;
import io.dmflow.simulator.delivery.SchemeRoutingDownloader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.config.CoapConfig.TrackerMode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.ProtocolScheduledExecutorService;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.core.link.DefaultLinkSerializer;
import org.eclipse.leshan.core.link.LinkSerializer;
import org.eclipse.leshan.core.link.lwm2m.attributes.DefaultLwM2mAttributeParser;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeParser;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;

/**
 * Everything the devices of one fleet share: thread pools, the Californium configuration, the object model, codecs
 * and the package downloaders. Sharing is what lets thousands of devices live in one JVM.
 */
final class FleetRuntime implements AutoCloseable {

    final ScheduledExecutorService scheduler;
    /**
     * Sends the datagrams of devices behind a slow link when their latency has passed: a thread of its own, because
     * the device threads block on the requests whose datagrams it sends.
     */
    final ScheduledExecutorService link;

    final ProtocolScheduledExecutorService coapExecutor;
    final Configuration coapConfig;
    final LwM2mModel model;
    final LwM2mEncoder encoder = new DefaultLwM2mEncoder();
    final LwM2mDecoder decoder = new DefaultLwM2mDecoder();
    final LinkSerializer linkSerializer = new DefaultLinkSerializer();
    final LwM2mAttributeParser attributeParser = new DefaultLwM2mAttributeParser();
    final PackageDownloader downloader;
    private final CoapEndpoint downloadEndpoint;
    private final ExecutorService httpExecutor;

    /**
     * {@code models}: the definitions the devices know; {@code objectVersions}: object id to the version the devices
     * implement, for objects not in their newest.
     */
    FleetRuntime(
            int schedulerThreads,
            int coapThreads,
            int maxPackageBytes,
            InetAddress bindAddress,
            SSLContext httpsTrust,
            Duration downloadTimeout,
            ObjectModels models,
            Map<Integer, String> objectVersions) {
        this.model = models.model(objectVersions);
        ScheduledThreadPoolExecutor pool =
                new ScheduledThreadPoolExecutor(schedulerThreads, new DaemonThreadFactory("sim-device#"));
        pool.setRemoveOnCancelPolicy(true); // sleep checks and update timers are cancelled often
        this.scheduler = pool;
        this.link = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("sim-link#"));
        this.coapExecutor =
                ExecutorsUtil.newProtocolScheduledThreadPool(coapThreads, new DaemonThreadFactory("sim-coap#"));
        this.coapConfig = coapConfiguration(maxPackageBytes);

        this.downloadEndpoint = new CoapEndpoint.Builder()
                .setInetSocketAddress(new InetSocketAddress(bindAddress, 0))
                .setConfiguration(coapConfig)
                .setLoggingTag("[sim-package-download]")
                .build();
        downloadEndpoint.setExecutor(coapExecutor);
        try {
            downloadEndpoint.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the package download endpoint", e);
        }
        this.httpExecutor = Executors.newCachedThreadPool(new DaemonThreadFactory("sim-http#"));
        this.downloader = new SchemeRoutingDownloader(List.of(
                new CoapPackageDownloader(downloadEndpoint, downloadTimeout),
                new HttpPackageDownloader(httpExecutor, httpsTrust, downloadTimeout)));
    }

    /**
     * An explicit configuration, never Californium's file-backed standard one (which writes
     * {@code Californium3.properties} into the working directory). Values follow Leshan's client defaults, plus a body
     * limit large enough for firmware pushed block-wise (Californium's default of 8 KiB fails after the first
     * blocks with 4.13).
     */
    static Configuration coapConfiguration(int maxPackageBytes) {
        Configuration config = new Configuration(
                SystemConfig.DEFINITIONS, CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        config.set(CoapConfig.MID_TRACKER, TrackerMode.NULL);
        config.set(CoapConfig.MAX_ACTIVE_PEERS, 10);
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxPackageBytes);
        config.set(CoapConfig.BLOCKWISE_STATUS_LIFETIME, 5, TimeUnit.MINUTES);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        // DTLS devices (PSK): Leshan's client defaults, one peer per device
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 10);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.setTransient(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT);
        config.set(DtlsConfig.DTLS_ROLE, null); // Leshan picks client-only or both per server
        return config;
    }

    @Override
    public void close() {
        downloadEndpoint.destroy();
        httpExecutor.shutdownNow();
        scheduler.shutdownNow();
        link.shutdownNow();
        coapExecutor.shutdownNow();
    }
}
