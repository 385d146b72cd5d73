package io.dmflow.template.layout;

/** A waypoint of an edge. */
public record Point(int x, int y) {}
