package io.dmflow.api.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal OIDC provider on loopback for tests: discovery, a JWKS with one RSA key, and {@code /mint}, which signs
 * an access token for {@code user} with {@code groups} (comma-separated) valid for {@code seconds}
 * ({@code &key=other} signs with a key the provider does not publish). Turns dmflow's OIDC on against it.
 */
public class InProcessOidcServer implements QuarkusTestResourceLifecycleManager {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private HttpServer server;
    private KeyPair key;
    private KeyPair unpublished;
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            unpublished = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/dmflow";
        server.createContext(
                "/realms/dmflow/.well-known/openid-configuration",
                exchange -> send(
                        exchange,
                        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"token_endpoint\":\""
                                + issuer + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/realms/dmflow/jwks", exchange -> {
            RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
            send(
                    exchange,
                    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"k1\",\"n\":\""
                            + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent())
                            + "\"}]}");
        });
        server.createContext("/realms/dmflow/mint", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long now = Instant.now().getEpochSecond();
            String groups = String.join(
                    ",",
                    Arrays.stream(query.getOrDefault("groups", "").split(","))
                            .filter(group -> !group.isBlank())
                            .map(group -> "\"" + group + "\"")
                            .toList());
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + query.get("user") + "-id\","
                    + "\"preferred_username\":\"" + query.get("user") + "\",\"groups\":[" + groups + "],"
                    + "\"iat\":" + now + ",\"exp\":" + (now + Long.parseLong(query.getOrDefault("seconds", "300")))
                    + "}";
            send(exchange, sign(claims, "other".equals(query.get("key")) ? unpublished : key));
        });
        server.start();
        return Map.of(
                "quarkus.oidc.tenant-enabled",
                "true",
                "quarkus.oidc.auth-server-url",
                issuer,
                "quarkus.oidc.client-id",
                "dmflow");
    }

    /**
     * An access token the provider at {@code issuer} (the test's {@code quarkus.oidc.auth-server-url}) signs for
     * {@code user} with {@code groups}, valid for {@code seconds}; {@code key} "other" signs with an unpublished key.
     */
    public static String mint(String issuer, String user, String groups, long seconds, String key) {
        return io.restassured.RestAssured.given()
                .auth()
                .none()
                .baseUri(issuer)
                .basePath("")
                .port(-1)
                .queryParams(Map.of("user", user, "groups", groups, "seconds", seconds, "key", key))
                .get("/mint")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String sign(String claims, KeyPair signer) {
        String content = URL.encodeToString(
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signer.getPrivate());
            signature.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw == null ? List.<String>of() : List.of(raw.split("&"))) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
