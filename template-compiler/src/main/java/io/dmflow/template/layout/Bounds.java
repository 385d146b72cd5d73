package io.dmflow.template.layout;

/** An axis-aligned rectangle in diagram coordinates (y grows downwards, as in BPMN DI). */
public record Bounds(int x, int y, int width, int height) {

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public int centerX() {
        return x + width / 2;
    }

    public int centerY() {
        return y + height / 2;
    }

    public boolean overlaps(Bounds o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    public boolean contains(Bounds o) {
        return o.x >= x && o.right() <= right() && o.y >= y && o.bottom() <= bottom();
    }
}
