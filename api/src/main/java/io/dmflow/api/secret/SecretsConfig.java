package io.dmflow.api.secret;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the key that seals device secrets at rest comes from ({@code dmflow.secrets.*}). */
@ConfigMapping(prefix = "dmflow.secrets")
public interface SecretsConfig {

    /** The key itself, 32 bytes in base64; wins over the key file. */
    Optional<String> key();

    /** A file holding the key in base64, made at first start when missing; default {@code ~/.dmflow/secrets.key}. */
    Optional<Path> keyFile();
}
