package io.dmflow.lwm2m.operation;

import java.util.Map;

/** One entry of a Discover answer: a path and the attributes attached to it. */
public record DiscoveredLink(String path, Map<String, String> attributes) {}
