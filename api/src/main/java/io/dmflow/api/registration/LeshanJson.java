package io.dmflow.api.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.core.endpoint.EndpointUri;
import org.eclipse.leshan.core.link.DefaultLinkSerializer;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.ObservationIdentifier;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mIdentity;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.peer.RpkIdentity;
import org.eclipse.leshan.core.peer.SocketIdentity;
import org.eclipse.leshan.core.peer.X509Identity;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Leshan's registrations and observations as JSON and back, field for field: what a restarted server needs to treat
 * the device as if it had never gone away. A Californium observation travels inside the Leshan one (its protocol
 * data), so it is kept with it.
 */
final class LeshanJson {

    private final ObjectMapper json = new ObjectMapper();
    private final DefaultLinkSerializer linkSerializer = new DefaultLinkSerializer();
    private final DefaultLwM2mLinkParser linkParser = new DefaultLwM2mLinkParser();

    /** The key an observation is stored under: the server endpoint it was made on and its token. */
    static String key(ObservationIdentifier id) {
        return id.getEndpointUri() + " " + id.getAsHexString();
    }

    String registration(Registration registration) {
        ObjectNode node = json.createObjectNode();
        node.put("id", registration.getId());
        node.put("endpoint", registration.getEndpoint());
        node.set("peer", peer(registration.getClientTransportData()));
        node.set("endpointUri", endpointUri(registration.getEndpointUri()));
        node.put("registrationDate", registration.getRegistrationDate().getTime());
        node.put("lastUpdate", registration.getLastUpdate().getTime());
        node.put("lifetime", registration.getLifeTimeInSec());
        node.put("smsNumber", registration.getSmsNumber());
        ArrayNode binding = node.putArray("bindingMode");
        registration.getBindingMode().forEach(mode -> binding.add(mode.name()));
        node.put("queueMode", registration.getQueueMode());
        node.put("lwm2mVersion", registration.getLwM2mVersion().toString());
        node.put("objectLinks", linkSerializer.serializeCoreLinkFormat(registration.getObjectLinks()));
        node.put("rootPath", registration.getRootPath());
        ArrayNode formats = node.putArray("contentFormats");
        registration.getSupportedContentFormats().forEach(format -> formats.add(format.getCode()));
        ObjectNode objects = node.putObject("supportedObjects");
        new TreeMap<>(registration.getSupportedObject())
                .forEach((object, version) -> objects.put(String.valueOf(object), version.toString()));
        ArrayNode instances = node.putArray("availableInstances");
        registration.getAvailableInstances().forEach(path -> instances.add(path.toString()));
        node.set("additionalAttributes", json.valueToTree(registration.getAdditionalRegistrationAttributes()));
        node.set("customData", json.valueToTree(registration.getCustomRegistrationData()));
        return node.toString();
    }

    Registration registration(String text) {
        JsonNode node = read(text);
        Set<BindingMode> binding = new LinkedHashSet<>();
        node.get("bindingMode").forEach(mode -> binding.add(BindingMode.valueOf(mode.asText())));
        Set<ContentFormat> formats = new LinkedHashSet<>();
        node.get("contentFormats").forEach(code -> formats.add(ContentFormat.fromCode(code.asInt())));
        Map<Integer, Version> objects = new LinkedHashMap<>();
        node.get("supportedObjects")
                .fields()
                .forEachRemaining(entry -> objects.put(
                        Integer.valueOf(entry.getKey()),
                        new Version(entry.getValue().asText())));
        Set<LwM2mPath> instances = new LinkedHashSet<>();
        node.get("availableInstances").forEach(path -> instances.add(new LwM2mPath(path.asText())));
        return new Registration.Builder(
                        node.get("id").asText(),
                        node.get("endpoint").asText(),
                        peer(node.get("peer")),
                        endpointUri(node.get("endpointUri")))
                .registrationDate(new Date(node.get("registrationDate").asLong()))
                .lastUpdate(new Date(node.get("lastUpdate").asLong()))
                .lifeTimeInSec(node.get("lifetime").asLong())
                .smsNumber(text(node, "smsNumber"))
                .bindingMode(binding.isEmpty() ? EnumSet.noneOf(BindingMode.class) : EnumSet.copyOf(binding))
                .queueMode(node.get("queueMode").asBoolean())
                .lwM2mVersion(LwM2mVersion.get(node.get("lwm2mVersion").asText()))
                .objectLinks(links(node.get("objectLinks").asText()))
                .rootPath(text(node, "rootPath"))
                .supportedContentFormats(formats)
                .supportedObjects(objects)
                .availableInstances(instances)
                .additionalRegistrationAttributes(strings(node.get("additionalAttributes")))
                .customRegistrationData(strings(node.get("customData")))
                .build();
    }

    String observation(Observation observation) {
        ObjectNode node = json.createObjectNode();
        node.set("endpointUri", endpointUri(observation.getId().getEndpointUri()));
        node.put("token", observation.getId().getAsHexString());
        node.put("registrationId", observation.getRegistrationId());
        if (observation instanceof SingleObservation single) {
            node.put("kind", "single");
            node.put("path", single.getPath().toString());
            node.put("contentFormat", code(single.getContentFormat()));
        } else if (observation instanceof CompositeObservation composite) {
            node.put("kind", "composite");
            ArrayNode paths = node.putArray("paths");
            composite.getPaths().forEach(path -> paths.add(path.toString()));
            node.put("requestContentFormat", code(composite.getRequestContentFormat()));
            node.put("responseContentFormat", code(composite.getResponseContentFormat()));
        } else {
            throw new IllegalArgumentException("Unknown kind of observation: " + observation);
        }
        node.set("context", json.valueToTree(observation.getContext()));
        node.set("protocolData", json.valueToTree(observation.getProtocolData()));
        return node.toString();
    }

    Observation observation(String text) {
        JsonNode node = read(text);
        ObservationIdentifier id = new ObservationIdentifier(
                endpointUri(node.get("endpointUri")),
                HexFormat.of().parseHex(node.get("token").asText()));
        String registrationId = node.get("registrationId").asText();
        Map<String, String> context = strings(node.get("context"));
        Map<String, String> protocolData = strings(node.get("protocolData"));
        if ("single".equals(node.get("kind").asText())) {
            return new SingleObservation(
                    id,
                    registrationId,
                    new LwM2mPath(node.get("path").asText()),
                    format(node.get("contentFormat")),
                    context,
                    protocolData);
        }
        List<LwM2mPath> paths = new ArrayList<>();
        node.get("paths").forEach(path -> paths.add(new LwM2mPath(path.asText())));
        return new CompositeObservation(
                id,
                registrationId,
                paths,
                format(node.get("requestContentFormat")),
                format(node.get("responseContentFormat")),
                context,
                protocolData);
    }

    private ObjectNode peer(LwM2mPeer peer) {
        if (!(peer instanceof IpPeer ip)) {
            throw new IllegalArgumentException("Only IP peers are kept, not " + peer);
        }
        ObjectNode node = json.createObjectNode();
        node.put("address", ip.getSocketAddress().getAddress().getHostAddress());
        node.put("port", ip.getSocketAddress().getPort());
        node.put("virtualHost", ip.getVirtualHost());
        node.set("identity", identity(ip.getIdentity()));
        return node;
    }

    private LwM2mPeer peer(JsonNode node) {
        InetSocketAddress address = new InetSocketAddress(
                address(node.get("address").asText()), node.get("port").asInt());
        return new IpPeer(address, text(node, "virtualHost"), identity(node.get("identity")));
    }

    private ObjectNode identity(LwM2mIdentity identity) {
        ObjectNode node = json.createObjectNode();
        if (identity instanceof SocketIdentity socket) {
            node.put("kind", "socket");
            node.put("address", socket.getSocketAddress().getAddress().getHostAddress());
            node.put("port", socket.getSocketAddress().getPort());
        } else if (identity instanceof PskIdentity psk) {
            node.put("kind", "psk");
            node.put("identity", psk.getPskIdentity());
        } else if (identity instanceof RpkIdentity rpk) {
            node.put("kind", "rpk");
            node.put("algorithm", rpk.getPublicKey().getAlgorithm());
            node.put(
                    "publicKey",
                    Base64.getEncoder().encodeToString(rpk.getPublicKey().getEncoded()));
        } else if (identity instanceof X509Identity x509) {
            node.put("kind", "x509");
            node.put("commonName", x509.getX509CommonName());
        } else {
            throw new IllegalArgumentException("A registration with this identity is not kept: " + identity);
        }
        return node;
    }

    private LwM2mIdentity identity(JsonNode node) {
        return switch (node.get("kind").asText()) {
            case "socket" ->
                new SocketIdentity(new InetSocketAddress(
                        address(node.get("address").asText()), node.get("port").asInt()));
            case "psk" -> new PskIdentity(node.get("identity").asText());
            case "rpk" ->
                new RpkIdentity(publicKey(
                        node.get("algorithm").asText(), node.get("publicKey").asText()));
            case "x509" -> new X509Identity(node.get("commonName").asText());
            default -> throw new IllegalArgumentException("Unknown identity: " + node);
        };
    }

    private static PublicKey publicKey(String algorithm, String base64) {
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A kept device public key does not decode", e);
        }
    }

    private ObjectNode endpointUri(EndpointUri uri) {
        ObjectNode node = json.createObjectNode();
        node.put("scheme", uri.getScheme());
        node.put("host", uri.getHost());
        node.put("port", uri.getPort());
        return node;
    }

    private static EndpointUri endpointUri(JsonNode node) {
        return new EndpointUri(
                node.get("scheme").asText(),
                node.get("host").asText(),
                node.get("port").asInt());
    }

    private Link[] links(String coreLinkFormat) {
        try {
            return linkParser.parseCoreLinkFormat(coreLinkFormat.getBytes(StandardCharsets.UTF_8));
        } catch (LinkParseException e) {
            throw new IllegalStateException("Kept object links do not parse: " + coreLinkFormat, e);
        }
    }

    private static InetAddress address(String literal) {
        try {
            // A literal address: no name lookup happens.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an address: " + literal, e);
        }
    }

    private static Integer code(ContentFormat format) {
        return format == null ? null : format.getCode();
    }

    private static ContentFormat format(JsonNode code) {
        return code == null || code.isNull() ? null : ContentFormat.fromCode(code.asInt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            node.fields()
                    .forEachRemaining(
                            entry -> values.put(entry.getKey(), entry.getValue().asText()));
        }
        return values;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A kept registration or observation is not JSON", e);
        }
    }
}
