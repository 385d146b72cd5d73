package io.dmflow.lwm2m.security;

import java.util.Collection;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Deregistration;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationServiceImpl;
import org.eclipse.leshan.servers.security.SecurityInfo;
import org.eclipse.leshan.servers.security.SecurityStoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the registration of a device whose credentials were revoked. Leshan drops the DTLS session itself but keeps the
 * registration, so without this the server would still send requests to a device it no longer trusts (and a device
 * moved to NoSec would be refused updates for a registration made with a key).
 */
public final class RegistrationRevocation implements SecurityStoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRevocation.class);

    private final LeshanServer leshan;

    public RegistrationRevocation(LeshanServer leshan) {
        this.leshan = leshan;
    }

    @Override
    public void securityInfoRemoved(boolean infosAreCompromised, SecurityInfo... infos) {
        RegistrationServiceImpl registrations = (RegistrationServiceImpl) leshan.getRegistrationService();
        for (SecurityInfo info : infos) {
            Registration registration = registrations.getByEndpoint(info.getEndpoint());
            if (registration == null) {
                continue;
            }
            Deregistration removed = registrations.getStore().removeRegistration(registration.getId());
            if (removed != null) {
                Collection<Observation> observations = removed.getObservations();
                registrations.fireUnregistered(removed.getRegistration(), observations, null);
                LOG.info("Registration of {} ended: its credentials were changed or removed", info.getEndpoint());
            }
        }
    }
}
