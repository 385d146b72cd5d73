package io.dmflow.lwm2m.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.BootstrapResult;
import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.bootstrap.BootstrapServerSettings;
import io.dmflow.lwm2m.bootstrap.InMemoryBootstrapConfigurations;
import io.dmflow.lwm2m.bootstrap.ServerAssignment;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.security.SecurityMode;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both servers serve LwM2M 1.0 and 1.1 and turn other versions away with 4.12, over real UDP on loopback. The devices
 * here are raw CoAP endpoints: Leshan's client cannot announce 1.2.
 */
class SupportedVersionsTest {

    private static DeviceManagementServer management;
    private static BootstrapServer bootstrap;
    private static final List<BootstrapResult> sessions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        management = DeviceManagementServer.builder(ServerSettings.loopback()).build();
        management.start();
        InMemoryBootstrapConfigurations configurations = new InMemoryBootstrapConfigurations()
                .putServer(ServerDefinition.management(
                        "dm", management.coapUri().orElseThrow(), 101, SecurityMode.NO_SEC));
        configurations.put(BootstrapConfiguration.of("v12-discover", ServerAssignment.noSec("dm")));
        configurations.put(BootstrapConfiguration.of("v12-request", ServerAssignment.noSec("dm")));
        bootstrap = BootstrapServer.builder(BootstrapServerSettings.loopback())
                .configurations(configurations)
                .build();
        bootstrap.addListener(sessions::add);
        bootstrap.start();
    }

    @AfterAll
    static void stop() {
        bootstrap.close();
        management.close();
    }

    private static CoapResponse post(URI uri, String body, int contentFormat) throws Exception {
        CoapClient client = new CoapClient(uri);
        try {
            return client.post(body, contentFormat);
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1"})
    void theManagementServerRegistersSupportedVersions(String version) throws Exception {
        String endpoint = "v" + version.replace(".", "");
        CoapResponse response = post(
                URI.create(management.coapUri().orElseThrow() + "/rd?ep=" + endpoint + "&lt=60&lwm2m=" + version),
                "</3/0>",
                MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(response.getCode()).isEqualTo(ResponseCode.CREATED);
        assertThat(management.registration(endpoint).orElseThrow().lwm2mVersion())
                .isEqualTo(version);
    }

    @Test
    void theManagementServerRefusesRegisterOfAnotherVersionWith412() throws Exception {
        CoapResponse response = post(
                URI.create(management.coapUri().orElseThrow() + "/rd?ep=v12&lt=60&lwm2m=1.2"),
                "</3/0>",
                MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(response.getCode()).isEqualTo(SupportedVersions.REFUSAL).isEqualTo(ResponseCode.PRECONDITION_FAILED);
        assertThat(management.registration("v12")).isEmpty();
    }

    @Test
    void theBootstrapServerRefusesABootstrapRequestNamingAnotherVersionWith412() throws Exception {
        CoapResponse response = post(
                URI.create(bootstrap.coapUri().orElseThrow() + "/bs?ep=v12-request&lwm2m=1.2"),
                "",
                MediaTypeRegistry.UNDEFINED);
        assertThat(response.getCode()).isEqualTo(SupportedVersions.REFUSAL);
        assertThat(response.getResponseText()).contains("1.2").contains("1.0, 1.1");
        assertThat(sessions).noneMatch(s -> s.endpoint().equals("v12-request"));
    }

    @Test
    void theBootstrapServerWritesNothingToADeviceAnnouncingAnotherVersionInDiscover() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CoapServer device = fakeDevice("</>;lwm2m=1.2,</0/0>,</1/0>;ssid=101,</3/0>", received);
        try {
            CoapEndpoint endpoint = (CoapEndpoint) device.getEndpoints().get(0);
            CoapClient client = new CoapClient(bootstrap.coapUri().orElseThrow() + "/bs?ep=v12-discover");
            client.setEndpoint(endpoint);
            assertThat(client.post("", MediaTypeRegistry.UNDEFINED).getCode()).isEqualTo(ResponseCode.CHANGED);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sessions.stream().anyMatch(s -> s.endpoint().equals("v12-discover")));
            BootstrapResult result = sessions.stream()
                    .filter(s -> s.endpoint().equals("v12-discover"))
                    .findFirst()
                    .orElseThrow();
            assertThat(result.finished()).isFalse();
            assertThat(result.failure().orElseThrow())
                    .contains("LwM2M 1.2 is not supported")
                    .contains("1.0, 1.1");
            assertThat(result.lwm2mVersion()).contains("1.2");
            assertThat(received).containsExactly("GET /"); // the Discover, then no Delete, Write or Finish
        } finally {
            device.destroy();
        }
    }

    /** A device that answers Bootstrap-Discover with {@code links} and records every request it gets. */
    private static CoapServer fakeDevice(String links, List<String> received) {
        Configuration configuration = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        CoapServer device = new CoapServer(configuration) {
            @Override
            protected Resource createRoot() {
                return new CoapResource("") {
                    @Override
                    public void handleGET(CoapExchange exchange) {
                        exchange.respond(ResponseCode.CONTENT, links, MediaTypeRegistry.APPLICATION_LINK_FORMAT);
                    }
                };
            }
        };
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build();
        endpoint.addInterceptor(new MessageInterceptor() {
            @Override
            public void receiveRequest(Request request) {
                received.add(request.getCode() + " /" + request.getOptions().getUriPathString());
            }
        });
        device.addEndpoint(endpoint);
        device.start();
        return device;
    }
}
