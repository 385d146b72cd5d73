package io.dmflow.lwm2m.delivery;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves offered packages at {@code /fw/<token>} on the LwM2M server's own CoAP endpoints; devices
 * fetch them with block-wise GETs (Block2), which Californium's block-wise layer cuts from one answer.
 */
public final class CoapPackageResource extends CoapResource {

    public static final String PATH = "fw";

    private static final Logger LOG = LoggerFactory.getLogger(CoapPackageResource.class);

    private final PackageOffers offers;
    private final int maxPackageBytes;

    public CoapPackageResource(PackageOffers offers, int maxPackageBytes) {
        super(PATH);
        this.offers = offers;
        this.maxPackageBytes = maxPackageBytes;
        setVisible(false);
    }

    @Override
    public Resource getChild(String token) {
        return new TokenResource(token);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.NOT_FOUND);
    }

    private final class TokenResource extends CoapResource {

        TokenResource(String token) {
            super(token);
            setParent(CoapPackageResource.this);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            var source = offers.find(getName());
            if (source.isEmpty()) {
                exchange.respond(ResponseCode.NOT_FOUND);
                return;
            }
            if (source.get().size() > maxPackageBytes) {
                exchange.respond(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            try (InputStream in = source.get().open()) {
                exchange.respond(ResponseCode.CONTENT, in.readAllBytes(), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            } catch (IOException e) {
                LOG.error(
                        "Package {} could not be read for a CoAP download",
                        source.get().name(),
                        e);
                exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
            }
        }
    }
}
