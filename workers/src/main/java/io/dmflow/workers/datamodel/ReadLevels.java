package io.dmflow.workers.datamodel;

/**
 * Which Reads a best-effort read may send: of a whole object, of an object instance, of a single resource; each
 * finer one serves as the fallback when the device refuses a coarser one.
 */
record ReadLevels(boolean object, boolean instance, boolean resource) {

    /** Whether a refused object can still be read in smaller pieces. */
    boolean finerThanObject() {
        return instance || resource;
    }
}
