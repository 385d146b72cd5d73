package io.dmflow.template.parse;

import io.dmflow.template.source.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** An element of a template document; only what the task language uses: name, attributes, children. */
public final class XmlElement {

    private final String name;
    private final Position position;
    private final List<XmlAttribute> attributes;
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String name, Position position, List<XmlAttribute> attributes) {
        this.name = name;
        this.position = position;
        this.attributes = List.copyOf(attributes);
    }

    public String name() {
        return name;
    }

    /** Where the {@code <} of the start tag is. */
    public Position position() {
        return position;
    }

    public List<XmlAttribute> attributes() {
        return attributes;
    }

    public Optional<XmlAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    void addChild(XmlElement child) {
        children.add(child);
    }
}
