package io.dmflow.simulator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackageFormatTest {

    @Test
    void readsNameVersionAndVerifiesTheDigest() {
        byte[] bytes = PackageFormat.build("fw", "2.0.0", 4096);

        ReceivedPackage pkg = PackageFormat.read(bytes);

        assertThat(pkg.name()).isEqualTo("fw");
        assertThat(pkg.version()).isEqualTo("2.0.0");
        assertThat(pkg.size()).isEqualTo(bytes.length);
        assertThat(pkg.sha256()).isEqualTo(PackageFormat.sha256Hex(bytes));
        assertThat(pkg.intact()).isTrue();
    }

    @Test
    void aFlippedByteFailsTheIntegrityCheck() {
        byte[] bytes = PackageFormat.build("fw", "2.0.0", 4096);
        bytes[bytes.length - 1] ^= 1;

        assertThat(PackageFormat.read(bytes).intact()).isFalse();
    }

    @Test
    void packagesWithoutHeaderAreAcceptedAndVersionedByDigest() {
        ReceivedPackage pkg = PackageFormat.read("just bytes".getBytes(StandardCharsets.US_ASCII));

        assertThat(pkg.intact()).isTrue();
        assertThat(pkg.name()).isEqualTo("unnamed");
        assertThat(pkg.version()).startsWith("sha256-");
    }
}
