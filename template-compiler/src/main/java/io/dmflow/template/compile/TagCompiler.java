package io.dmflow.template.compile;

import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.parse.XmlElement;
import java.util.Optional;

/** Turns one tag of the task language into a fragment of BPMN; one implementation per kind of tag. */
interface TagCompiler {

    /** Empty when the tag has errors (they are reported) or compiles to nothing. */
    Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block);
}
