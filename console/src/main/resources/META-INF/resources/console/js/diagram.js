// A BPMN diagram drawn by bpmn-js (vendored from npm at build time, see console/pom.xml), with the state of a flow
// painted on it: active elements, completed ones, incidents, the sequence flows taken and counts per element.
import { h } from './dom.js';

export class Diagram {
  constructor(container) {
    this.container = container;
    this.viewer = new window.BpmnJS({ container });
    this.xml = null;
    this.marked = [];
  }

  /** Draws the XML, unless it is the one already shown (a refresh keeps zoom and position). */
  async draw(xml) {
    if (xml === this.xml) return [];
    const { warnings } = await this.viewer.importXML(xml);
    this.xml = xml;
    this.marked = [];
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
    return warnings;
  }

  /**
   * @param statistics [{elementId, active, completed, canceled, incidents}]
   * @param takenFlows [sequence flow id]
   */
  paint(statistics, takenFlows = []) {
    const canvas = this.viewer.get('canvas');
    const overlays = this.viewer.get('overlays');
    const registry = this.viewer.get('elementRegistry');
    this.marked.forEach(([id, marker]) => canvas.removeMarker(id, marker));
    this.marked = [];
    overlays.remove({ type: 'dm-count' });
    const mark = (id, marker) => {
      if (!registry.get(id)) return false;
      canvas.addMarker(id, marker);
      this.marked.push([id, marker]);
      return true;
    };
    for (const s of statistics) {
      if (!registry.get(s.elementId)) continue;
      const marker = s.incidents > 0 ? 'dm-incident' : s.active > 0 ? 'dm-active' : s.completed > 0 ? 'dm-completed' : null;
      // an element only cancelled (the instance was cancelled there) gets no colour, but its count still shows
      if (marker) mark(s.elementId, marker);
      const counts = [
        s.active > 0 ? h('span', { class: 'c-active', title: 'active' }, s.active) : null,
        s.incidents > 0 ? h('span', { class: 'c-incident', title: 'incidents' }, s.incidents) : null,
        s.completed > 0 ? h('span', { class: 'c-completed', title: 'completed' }, s.completed) : null,
        s.canceled > 0 ? h('span', { class: 'c-canceled', title: 'cancelled' }, s.canceled) : null,
      ].filter(Boolean);
      if (counts.length && registry.get(s.elementId).type !== 'bpmn:SequenceFlow') {
        overlays.add(s.elementId, 'dm-count', { position: { bottom: 8, left: -6 }, html: h('div', { class: 'dm-counts' }, counts) });
      }
    }
    takenFlows.forEach(id => mark(id, 'dm-taken'));
  }

  /** Calls back with the element id when an element is clicked. */
  onSelect(callback) {
    this.viewer.get('eventBus').on('element.click', event => callback(event.element.id, event.element.type));
  }

  fit() {
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
  }

  destroy() {
    this.viewer.destroy();
  }
}

/** A diagram panel: a box that holds the drawing and a line for problems drawing it. */
export function diagramPanel() {
  // no role="img": bpmn-js makes the canvas focusable, and an image may not hold interactive content
  const canvas = h('div', { class: 'diagram' });
  const note = h('p', { class: 'muted small' });
  const fit = h('button', { type: 'button', class: 'small' }, 'Fit');
  const panel = h('section', { class: 'diagram-panel', 'aria-label': 'BPMN diagram' }, h('div', { class: 'diagram-tools' }, fit, note), canvas);
  const diagram = new Diagram(canvas);
  fit.addEventListener('click', () => diagram.fit());
  return { panel, diagram, note };
}
