package io.dmflow.workers.job;

/** Which job a worker works on: its key (unique, stable across redeliveries) and where it sits in the flow. */
public record JobIdentity(long key, String type, long processInstanceKey, String elementId, int retries) {}
