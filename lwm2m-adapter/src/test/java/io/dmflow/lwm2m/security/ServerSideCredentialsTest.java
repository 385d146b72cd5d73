package io.dmflow.lwm2m.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.testing.TestKeys;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** Whoever stores a device's credentials, a server keeps of an RPK device its public key only. */
class ServerSideCredentialsTest {

    @Test
    void aStoreKeepsOnlyThePublicKeyOfAnRpkDevice() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        CredentialStore store = ServerSideCredentials.of(new InMemoryCredentialStore());

        store.put("rpk-0", ClientCredentials.rpk(pair.getPublic(), pair.getPrivate()));

        ClientCredentials.RpkCredentials kept =
                (ClientCredentials.RpkCredentials) store.byEndpoint("rpk-0").orElseThrow();
        assertThat(kept.publicKey()).isEqualTo(pair.getPublic());
        assertThat(kept.privateKey()).isEmpty();
    }

    @Test
    void theManagementServersStoreKeepsOnlyThePublicKeyToo() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        InMemoryCredentialStore underlying = new InMemoryCredentialStore();
        DeviceSecurityStore security = new DeviceSecurityStore(underlying);

        ClientCredentials answered = security.put("rpk-1", ClientCredentials.rpk(pair.getPublic(), pair.getPrivate()));

        assertThat(((ClientCredentials.RpkCredentials) answered).privateKey()).isEmpty();
        assertThat(((ClientCredentials.RpkCredentials)
                                underlying.byEndpoint("rpk-1").orElseThrow())
                        .privateKey())
                .isEmpty();
    }

    @Test
    void pskCredentialsAreKeptAsGiven() {
        CredentialStore store = ServerSideCredentials.of(new InMemoryCredentialStore());
        ClientCredentials psk = ClientCredentials.psk("id-0", new byte[] {1, 2, 3});

        store.put("psk-0", psk);

        assertThat(store.byEndpoint("psk-0")).contains(psk);
    }
}
