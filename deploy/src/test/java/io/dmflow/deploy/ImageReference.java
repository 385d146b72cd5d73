package io.dmflow.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An image as compose files, manifests and Dockerfiles name it: [registry/]repository[:tag][@digest]. */
record ImageReference(String repository, String tag, String digest) {

    private static final Pattern REFERENCE =
            Pattern.compile("(?<repository>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
                    + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
                    + "(?:@(?<digest>sha256:[0-9a-f]{64}))?");

    static ImageReference parse(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an image reference: " + text);
        }
        return new ImageReference(matcher.group("repository"), matcher.group("tag"), matcher.group("digest"));
    }

    /**
     * Pinned: a digest, or a tag that names a version. No tag means latest, and latest (or a tag that is nothing
     * but a moving channel name) changes under the same file.
     */
    boolean pinned() {
        if (digest != null) {
            return true;
        }
        return tag != null && !tag.equals("latest") && tag.matches(".*[0-9].*");
    }
}
