package io.dmflow.engine.rest;

/** Keys travel as decimal strings. */
final class Keys {
    private Keys() {}

    static String text(long key) {
        return Long.toString(key);
    }

    static String text(Long key) {
        return key == null ? null : Long.toString(key);
    }
}
