// Devices: the fleet with its states, and one device with its properties, values and history.
import { h, show, time, badge, table, pager, keyValues } from '../dom.js';
import { get, query } from '../http.js';

const FIRMWARE_VERSION = '/3/0/3';
/** Firmware versions come from each device's data model cache: read again at most this often per device. */
const FIRMWARE_MAX_AGE_MS = 30000;

export function list(container) {
  const filter = { state: '', endpointPrefix: '', page: 0 };
  const firmware = new Map();
  const state = h('select', { id: 'device-state' },
    ['', 'online', 'sleeping', 'offline'].map(s => h('option', { value: s }, s || 'any state')));
  const prefix = h('input', { id: 'device-prefix', type: 'search', placeholder: 'e.g. sim-' });
  const form = h('form', { class: 'filters', role: 'search' },
    h('label', { for: 'device-state' }, 'State'), state,
    h('label', { for: 'device-prefix' }, 'Endpoint starts with'), prefix,
    h('button', { type: 'submit' }, 'Filter'));
  const results = h('div', { 'aria-live': 'polite' });
  form.addEventListener('submit', event => {
    event.preventDefault();
    Object.assign(filter, { state: state.value, endpointPrefix: prefix.value.trim(), page: 0 });
    refresh();
  });
  show(container, h('h1', {}, 'Devices'), form, results);

  async function firmwareOf(endpoint) {
    const known = firmware.get(endpoint);
    if (known && Date.now() - known.at < FIRMWARE_MAX_AGE_MS) return known.version;
    const values = await get(`/api/devices/${encodeURIComponent(endpoint)}/values`).catch(() => []);
    const value = values.find(v => v.path === FIRMWARE_VERSION)?.value;
    firmware.set(endpoint, { at: Date.now(), version: value ?? null });
    return value ?? null;
  }

  async function refresh() {
    const result = await get(`/api/devices${query({ state: filter.state, endpointPrefix: filter.endpointPrefix, page: filter.page, size: 50 })}`);
    const versions = await Promise.all(result.items.map(d => firmwareOf(d.endpoint)));
    result.items.forEach((device, i) => { device.firmwareVersion = versions[i]; });
    show(results, table([
      { title: 'Endpoint', cell: d => h('a', { href: `#/devices/${encodeURIComponent(d.endpoint)}` }, d.endpoint) },
      { title: 'State', cell: d => badge(d.state) },
      { title: 'Last contact', cell: d => time(d.lastContactAt) },
      { title: 'Firmware version', cell: d => d.firmwareVersion ?? h('span', { class: 'muted' }, '—') },
      { title: 'LwM2M', cell: d => d.lwm2mVersion ?? '' },
      { title: 'Binding', cell: d => `${d.binding ?? ''}${d.queueMode ? ' (queue)' : ''}` },
      { title: 'Address', cell: d => d.address ?? '' },
    ], result.items, 'No device matches.'), pager(result, page => { filter.page = page; refresh(); }));
  }
  return { refresh };
}

export function one(container, [rawEndpoint]) {
  const endpoint = decodeURIComponent(rawEndpoint);
  const path = `/api/devices/${encodeURIComponent(endpoint)}`;
  let historyPage = 0;
  const facts = h('section', {});
  const properties = h('section', {});
  const values = h('section', {});
  const history = h('section', { class: 'timeline-section' });
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/devices' }, 'Devices'), ' / ', endpoint),
    h('h1', {}, endpoint), h('div', { class: 'columns' }, facts, h('div', {}, properties, values)), history);

  async function refresh() {
    const [device, props, cache, executions] = await Promise.all([get(path), get(`${path}/properties`),
      get(`${path}/values`), get(`/api/executions${query({ device: endpoint, page: historyPage, size: 25 })}`)]);
    show(facts, h('h2', {}, 'Registration'), keyValues([
      ['State', badge(device.state)], ['Last contact', time(device.lastContactAt)],
      ['LwM2M version', device.lwm2mVersion], ['Binding', device.binding],
      ['Queue mode', device.queueMode ? 'yes' : 'no'], ['Address', device.address],
      ['Lifetime', device.lifetimeSeconds == null ? null : `${device.lifetimeSeconds} s`],
      ['Registration id', device.registrationId], ['First registered', time(device.firstRegisteredAt)],
      ['Last registered', time(device.lastRegisteredAt)], ['Registration expires', time(device.registrationExpiresAt)],
      ['Objects', Object.entries(device.supportedObjects ?? {}).map(([id, v]) => `${id}${v ? ` (${v})` : ''}`).join(', ')],
    ]));
    show(properties, h('h2', {}, 'Properties'), table([
      { title: 'Name', cell: ([name]) => name },
      { title: 'Value', cell: ([, origin]) => h('code', {}, origin.value) },
      { title: 'From', cell: ([, origin]) => origin.source.replace(/^group:/, 'group ') },
    ], Object.entries(props), 'No properties, on the device or its groups.'));
    show(values, h('h2', {}, 'Data model cache'), table([
      { title: 'Path', cell: v => v.path },
      { title: 'Value', cell: v => h('code', {}, v.value) },
      { title: 'Reported', cell: v => time(v.observedAt) },
    ], cache, 'The device has reported no value yet (observations and Send fill this).'));
    show(history, h('h2', {}, 'History'),
      h('p', { class: 'muted small' }, 'Every execution on this device, newest first: the flows it went through.'),
      timeline(executions.items), pager(executions, page => { historyPage = page; refresh(); }));
  }
  return { refresh };
}

/** Executions as a timeline, each opening its execution and the flow instance it ran. */
export function timeline(executions) {
  if (!executions.length) return h('p', { class: 'muted' }, 'No execution yet.');
  return h('ol', { class: 'timeline' }, executions.map(e => h('li', { class: `t-${e.status.toLowerCase()}` },
    h('div', { class: 'when' }, time(e.createdAt)),
    h('div', { class: 'what' },
      badge(e.status), ' ',
      h('a', { href: `#/executions/${encodeURIComponent(e.id)}` }, e.processId ?? e.id), ' ',
      h('span', { class: 'muted small' }, 'task ', h('a', { href: `#/tasks/${encodeURIComponent(e.taskId)}` }, e.taskId)),
      e.result ? h('div', {}, 'Result: ', h('code', {}, e.result)) : null,
      e.details ? h('div', { class: 'small' }, e.details) : null,
      h('div', { class: 'small muted' }, 'started ', time(e.startedAt), e.endedAt ? [' · ended ', time(e.endedAt)] : null,
        e.processInstanceKey
          ? [' · ', h('a', { href: `#/flows/instances/${e.processInstanceKey}` }, 'open its flow instance')] : null)))));
}
