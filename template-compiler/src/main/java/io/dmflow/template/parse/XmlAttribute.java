package io.dmflow.template.parse;

import io.dmflow.template.source.Position;
import io.dmflow.template.source.SourceText;

/** An attribute as written, its value decoded but still able to say where each character came from. */
public record XmlAttribute(String name, Position position, SourceText value) {}
