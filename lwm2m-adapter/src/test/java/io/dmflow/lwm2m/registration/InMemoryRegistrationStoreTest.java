package io.dmflow.lwm2m.registration;

import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.RegistrationStore;

/** The adapter's default store keeps the contract the management server relies on. */
class InMemoryRegistrationStoreTest extends RegistrationStoreContract {

    @Override
    protected RegistrationStore newStore() {
        return new InMemoryRegistrationStore(EXPIRATION_CHECK.toSeconds());
    }
}
