// Devices: the fleet with its states, and one device with its properties, values, observations and history.
import { h, show, time, badge, table, pager, keyValues, confirmAction, notify, problemText } from '../dom.js';
import { get, post, query } from '../http.js';
import { may } from '../session.js';

export function list(container) {
  const filter = { state: '', endpointPrefix: '', page: 0 };
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

  async function refresh() {
    const result = await get(`/api/devices${query({ state: filter.state, endpointPrefix: filter.endpointPrefix, page: filter.page, size: 50 })}`);
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

/** How far back the values of the observation opened are shown. */
const OBSERVED_HISTORY_MS = 24 * 3600 * 1000;

export function one(container, [rawEndpoint]) {
  const endpoint = decodeURIComponent(rawEndpoint);
  const path = `/api/devices/${encodeURIComponent(endpoint)}`;
  let historyPage = 0;
  let opened = null;
  const facts = h('section', {});
  const properties = h('section', {});
  const values = h('section', {});
  const observations = h('section', { 'aria-labelledby': 'observations-title' });
  const observeForm = may('operator') ? observeControl() : null;
  const history = h('section', { class: 'timeline-section' });
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/devices' }, 'Devices'), ' / ', endpoint),
    h('h1', {}, endpoint), h('div', { class: 'columns' }, facts, h('div', {}, properties, values)),
    h('h2', { id: 'observations-title' }, 'Observations'), observeForm, observations, history);

  /** Runs an observation operation on the device; it answers once the device did (or did not). */
  async function operate(operation, body, done) {
    try {
      const execution = await post(`${path}/operations/${operation}`, body);
      if (execution.status === 'SUCCESS') notify(done);
      else notify(`${operation} ${body.key}: ${execution.status}${execution.details ? ` (${execution.details})` : ''}`,
        execution.status === 'ERROR' ? 'error' : 'info');
    } catch (e) {
      notify(problemText(e), 'error');
    }
    await refresh();
  }

  function observeControl() {
    const key = h('input', { id: 'observe-key', required: true, placeholder: 'a path such as /3/0/9, or a name' });
    const form = h('form', { class: 'filters', 'aria-label': 'Observe a path' },
      h('label', { for: 'observe-key' }, 'Observe'), key, h('button', { type: 'submit' }, 'Start observing'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const wanted = key.value.trim();
      operate('observe', { key: wanted }, `${wanted} observed: the device notifies its changes.`);
    });
    return form;
  }

  async function cancel(observed) {
    if (!await confirmAction(`Stop observing ${observed}?`,
      'The device is asked to stop its notifications at once; values it reported stay in the cache.', 'Stop observing')) return;
    await operate('cancel-observation', { key: observed, cancelType: 'immediate' }, `${observed} no longer observed.`);
  }

  async function refresh() {
    const [device, props, cache, observed, executions] = await Promise.all([get(path), get(`${path}/properties`),
      get(`${path}/values`), get(`${path}/observations`),
      get(`/api/executions${query({ device: endpoint, page: historyPage, size: 25 })}`)]);
    const since = new Date(Date.now() - OBSERVED_HISTORY_MS).toISOString();
    const openedValues = opened ? await get(`${path}/values/history${query({ path: opened, from: since, limit: 1000 })}`) : [];
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
      { title: 'Value', cell: v => h('code', {}, shown(v.value)) },
      { title: 'Reported', cell: v => time(v.observedAt) },
    ], cache, 'The device has reported no value yet (observations and Send fill this).'));
    const under = p => cache.filter(v => v.path === p || v.path.startsWith(`${p}/`));
    show(observations, table([
      { title: 'Path', cell: o => h('button', { type: 'button', class: 'link', 'aria-pressed': String(o.path === opened),
        onclick: () => { opened = opened === o.path ? null : o.path; refresh(); } }, o.path) },
      { title: 'Latest value', cell: o => under(o.path).map(v => h('div', {}, under(o.path).length > 1 ? `${v.path} ` : '',
        h('code', {}, shown(v.value)), ' ', h('span', { class: 'muted small' }, time(v.observedAt)))) },
      { title: '', cell: o => may('operator') ? h('button', { type: 'button', class: 'small', onclick: () => cancel(o.path) }, 'Stop observing') : '' },
    ], observed, 'Nothing is observed on this device.'),
    opened ? observedHistory(opened, openedValues) : null);
    show(history, h('h2', {}, 'History'),
      h('p', { class: 'muted small' }, 'Every execution on this device, newest first: the flows it went through. ',
        h('a', { href: `#/flows/instances?device=${encodeURIComponent(endpoint)}` }, 'Its flow instances')),
      timeline(executions.items), pager(executions, page => { historyPage = page; refresh(); }));
  }
  return { refresh };
}

/** A reported value (JSON: a number, a string, an object for a multiple resource) as text. */
function shown(value) {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** How many of the newest numbers the bars of an observation show. */
const BARS = 60;

/** The values an observation brought over the last day, newest first, with bars for the numbers among them. */
function observedHistory(path, reported) {
  const newest = [...reported].reverse();
  const numbers = reported.filter(v => typeof v.value === 'number').slice(-BARS);
  return h('div', { class: 'observed-history' },
    h('h3', {}, `${path}: ${reported.length} value(s) in the last 24 h`),
    numbers.length > 1 ? bars(numbers, `the last ${numbers.length} numbers of ${path}`) : null,
    table([{ title: 'Reported', cell: v => time(v.observedAt) }, { title: 'Value', cell: v => h('code', {}, shown(v.value)) }],
      newest.slice(0, 20), 'No value in the last 24 hours.'));
}

/** Numbers, oldest first, as bars scaled between the lowest and the highest. */
function bars(reported, label) {
  const numbers = reported.map(v => v.value);
  const [low, high] = [Math.min(...numbers), Math.max(...numbers)];
  return h('div', { class: 'bars', role: 'img', 'aria-label': `${label}, from ${low} to ${high}` },
    reported.map(v => h('span', { title: `${v.value} at ${new Date(v.observedAt).toLocaleString()}`,
      style: `height: ${(10 + ((v.value - low) / (high - low || 1)) * 90).toFixed(1)}%` })));
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
