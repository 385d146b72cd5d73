package io.dmflow.template.layout;

import java.util.List;

/** Lays out a whole process: the main flow on top, event sub-processes side by side below it. */
public final class ProcessLayout {

    private static final int LEFT = 160;
    private static final int TOP = 80;
    private static final int BELOW = 60;

    private ProcessLayout() {}

    public static Diagram layout(Fragment main, List<Fragment> eventSubProcesses) {
        Diagram diagram = new Diagram();
        main.measure();
        int cy = TOP + main.ascent;
        main.place(LEFT, cy, diagram);
        int top = cy + main.descent + BELOW;
        int x = LEFT;
        for (Fragment sub : eventSubProcesses) {
            sub.measure();
            sub.place(x, top + sub.ascent, diagram);
            x += sub.width + 40;
        }
        return diagram;
    }
}
