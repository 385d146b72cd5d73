// Flows, read from the engine's Camunda 8 REST API (/v2, the searches docs/engine-rest-api.md lists), so that the
// same pages work on the embedded engine and on a Camunda 8 cluster: process definitions with their instance counts,
// instances by process and state, and one instance drawn with its state, variables, history and incidents, with
// the repairs (retry an incident, edit a variable, cancel the instance).
import { h, show, time, badge, table, keyValues, confirmAction, formDialog, notify, problemText } from '../dom.js';
import { get, post, request, search, query } from '../http.js';
import { may } from '../session.js';
import { diagramPanel } from '../diagram.js';

const XML = 'application/xml, text/xml, application/problem+json';

async function count(filter) {
  return (await search('process-instances', filter, { limit: 1 })).page.totalItems;
}

export function definitions(container) {
  const allVersions = h('input', { id: 'all-versions', type: 'checkbox' });
  const results = h('div', {});
  allVersions.addEventListener('change', () => refresh());
  show(container, h('h1', {}, 'Flows'),
    h('p', {}, h('a', { href: '#/flows/instances?state=ACTIVE' }, 'Active instances'), ' · ',
      h('a', { href: '#/flows/instances?state=INCIDENT' }, 'Instances with incidents'), ' · ',
      h('a', { href: '#/flows/instances' }, 'All instances')),
    h('div', { class: 'filters' }, allVersions, h('label', { for: 'all-versions' }, 'Every version (else the latest, counting all its versions\' instances)')),
    results);

  async function refresh() {
    const every = allVersions.checked;
    const found = await search('process-definitions', every ? {} : { isLatestVersion: true },
      { sort: [{ field: 'processDefinitionId', order: 'ASC' }, { field: 'version', order: 'DESC' }], limit: 500 });
    const counted = await Promise.all(found.items.map(async d => {
      const of = every ? { processDefinitionKey: d.processDefinitionKey } : { processDefinitionId: d.processDefinitionId };
      const [active, incidents, completed] = await Promise.all([count({ ...of, state: 'ACTIVE' }),
        count({ ...of, state: 'ACTIVE', hasIncident: true }), count({ ...of, state: 'COMPLETED' })]);
      return { ...d, active, incidents, completed };
    }));
    const link = (d, state, n) => h('a', { href: `#/flows/instances?process=${encodeURIComponent(d.processDefinitionId)}&state=${state}`,
      class: state === 'INCIDENT' && n > 0 ? 'incident-count' : '' }, String(n));
    show(results, table([
      { title: 'Process', cell: d => [h('strong', {}, d.name ?? d.processDefinitionId), d.name && d.name !== d.processDefinitionId
        ? h('div', { class: 'small muted' }, d.processDefinitionId) : null] },
      { title: 'Version', cell: d => String(d.version) },
      { title: 'Resource', cell: d => h('span', { class: 'small' }, d.resourceName ?? '') },
      { title: 'Active', cell: d => link(d, 'ACTIVE', d.active) },
      { title: 'Incidents', cell: d => link(d, 'INCIDENT', d.incidents) },
      { title: 'Completed', cell: d => link(d, 'COMPLETED', d.completed) },
    ], counted, 'No process is deployed.'));
  }
  return { refresh };
}

/** How many of a device's or a task's executions, newest first, the instance list looks through. */
const EXECUTIONS_LOOKED_AT = 1000;

/**
 * The instances filter by process, state and start time in the engine's search. A device or a task is no field of
 * an instance there: dmflow's executions know both, and each names the instance it started, so those filters ask
 * /api/executions for the instance keys first and the engine for those instances.
 */
export function instances(container, [rawQuery]) {
  const params = new URLSearchParams((rawQuery ?? '').replace(/^\?/, ''));
  const limit = 50;
  let from = 0;
  const field = (id, name, attributes = {}) => h('input', { id, value: params.get(name) ?? '', ...attributes });
  const process = field('instance-process', 'process', { list: 'process-ids', placeholder: 'any process' });
  const ids = h('datalist', { id: 'process-ids' });
  const state = h('select', { id: 'instance-state' }, [['', 'any state'], ['ACTIVE', 'active'], ['INCIDENT', 'with an incident'],
    ['COMPLETED', 'completed'], ['TERMINATED', 'cancelled']].map(([v, t]) => h('option', { value: v, selected: v === (params.get('state') ?? '') }, t)));
  const device = field('instance-device', 'device', { placeholder: 'any device' });
  const task = field('instance-task', 'task', { list: 'task-ids', placeholder: 'any task' });
  const tasks = h('datalist', { id: 'task-ids' });
  const since = field('instance-since', 'since', { type: 'datetime-local' });
  const until = field('instance-until', 'until', { type: 'datetime-local' });
  // a label and its field wrap to the next line together
  const labelled = (text, input, ...more) => h('span', { class: 'field' }, h('label', { for: input.id }, text), input, more);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the instances' },
    labelled('Process', process, ids), labelled('State', state), labelled('Device', device), labelled('Task', task, tasks),
    labelled('Started after', since), labelled('Started before', until),
    h('button', { type: 'submit' }, 'Filter'),
    h('a', { href: '#/flows/instances' }, 'Clear'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams(Object.entries({ process: process.value.trim(), state: state.value,
      device: device.value.trim(), task: task.value.trim(), since: since.value, until: until.value }).filter(([, v]) => v));
    location.hash = `#/flows/instances${next.size ? `?${next}` : ''}`;
  });
  const note = h('p', { class: 'muted small' });
  const results = h('div', {});
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/flows' }, 'Flows'), ' / instances'), h('h1', {}, 'Process instances'),
    form, note, results);
  search('process-definitions', { isLatestVersion: true }, { limit: 500 }).then(found =>
    ids.replaceChildren(...found.items.map(d => h('option', { value: d.processDefinitionId }))))
    .catch(e => { note.textContent = `The process names could not be read: ${problemText(e)}`; });
  get('/api/tasks?size=100').then(found =>
    tasks.replaceChildren(...found.items.map(t => h('option', { value: t.id }, t.name ?? t.id))))
    .catch(e => { note.textContent = `The task names could not be read: ${problemText(e)}`; });

  /** The instance keys of the device's or task's executions; null when neither is asked for. */
  async function executionKeys() {
    if (!params.get('device') && !params.get('task')) return null;
    const found = await get(`/api/executions${query({ device: params.get('device'), task: params.get('task'), size: EXECUTIONS_LOOKED_AT })}`);
    note.textContent = found.totalItems > found.items.length
      ? `Among the instances of the newest ${found.items.length} of ${found.totalItems} executions.` : '';
    return found.items.map(e => e.processInstanceKey).filter(k => k !== null && k !== undefined).map(String);
  }

  function filter(keys) {
    const f = {};
    if (params.get('process')) f.processDefinitionId = params.get('process');
    const s = params.get('state');
    if (s === 'INCIDENT') Object.assign(f, { state: 'ACTIVE', hasIncident: true });
    else if (s) f.state = s;
    const started = {};
    if (params.get('since')) started.$gte = new Date(params.get('since')).toISOString();
    if (params.get('until')) started.$lt = new Date(params.get('until')).toISOString();
    if (Object.keys(started).length) f.startDate = started;
    if (keys) f.processInstanceKey = { $in: keys };
    return f;
  }

  async function refresh() {
    const keys = await executionKeys();
    const found = keys?.length === 0 ? { items: [], page: { totalItems: 0 } } : await search('process-instances', filter(keys),
      { sort: [{ field: 'startDate', order: 'DESC' }, { field: 'processInstanceKey', order: 'DESC' }], limit, from });
    const total = found.page.totalItems;
    show(results, table([
      { title: 'Instance', cell: i => h('a', { href: `#/flows/instances/${i.processInstanceKey}` }, i.processInstanceKey) },
      { title: 'Process', cell: i => `${i.processDefinitionName ?? i.processDefinitionId} v${i.processDefinitionVersion}` },
      { title: 'State', cell: i => [badge(i.state), i.hasIncident ? [' ', badge('incident')] : null] },
      { title: 'Started', cell: i => time(i.startDate) },
      { title: 'Ended', cell: i => time(i.endDate) },
      { title: 'Called by', cell: i => i.parentProcessInstanceKey
        ? h('a', { href: `#/flows/instances/${i.parentProcessInstanceKey}` }, i.parentProcessInstanceKey) : '' },
    ], found.items, 'No instance matches.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: from === 0, onclick: () => { from = Math.max(0, from - limit); refresh(); } }, '‹ Newer'),
      h('span', {}, total ? `${from + 1}–${Math.min(from + limit, total)} of ${total}` : '0'),
      h('button', { type: 'button', disabled: from + limit >= total, onclick: () => { from += limit; refresh(); } }, 'Older ›')));
  }
  return { refresh };
}

/** The JSON of a variable's value, shortened for a table cell. */
function shortValue(value) {
  return value.length > 160 ? `${value.slice(0, 160)}…` : value;
}

export function instance(container, [key]) {
  const head = h('section', {});
  const { panel, diagram, note } = diagramPanel();
  const incidents = h('section', {});
  const variables = h('section', {});
  const history = h('section', {});
  const children = h('section', {});
  let selected = null;
  diagram.onSelect(elementId => { selected = selected === elementId ? null : elementId; refresh(); });
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/flows' }, 'Flows'), ' / ',
    h('a', { href: '#/flows/instances' }, 'instances'), ' / ', key), head, panel, incidents, variables, children, history);

  async function retry(incident) {
    const retries = incident.jobKey ? 1 : null;
    if (!await confirmAction(`Retry ${incident.elementId}?`, incident.jobKey
      ? 'The job gets 1 retry and the incident is resolved: a worker takes the job again.'
      : 'The incident is resolved and the engine tries the failed step again.', 'Retry')) return;
    try {
      if (retries) await request('PATCH', `/v2/jobs/${incident.jobKey}`, { json: { changeset: { retries } } });
      await post(`/v2/incidents/${incident.incidentKey}/resolution`);
      notify('Incident resolved; the step runs again.');
    } catch (e) {
      notify(problemText(e), 'error');
    }
    refresh();
  }

  async function edit(variable, scopeName) {
    const full = variable.isTruncated ? await get(`/v2/variables/${variable.variableKey}`) : variable;
    const area = h('textarea', { name: 'value', id: 'variable-value', rows: 10, class: 'xml', required: true });
    area.value = JSON.stringify(JSON.parse(full.value), null, 2);
    const values = await formDialog(`Edit ${variable.name} (${scopeName})`,
      [h('label', { for: 'variable-value' }, 'Value, as JSON'), area], 'Review');
    if (!values) return;
    let parsed;
    try {
      parsed = JSON.parse(values.value);
    } catch (e) {
      notify(`Not JSON: ${e.message}`, 'error');
      return;
    }
    if (!await confirmAction(`Set ${variable.name} in ${scopeName}?`, JSON.stringify(parsed), 'Set the variable')) return;
    try {
      await request('PUT', `/v2/element-instances/${variable.scopeKey}/variables`,
        { json: { variables: { [variable.name]: parsed }, local: true } });
      notify(`${variable.name} set. Retry the incident to run the step with it.`);
    } catch (e) {
      notify(problemText(e), 'error');
    }
    refresh();
  }

  async function cancel(instance) {
    if (!await confirmAction(`Cancel instance ${key}?`, `Every active element of ${instance.processDefinitionId} is ` +
      'terminated, its jobs and timers are cancelled and its incidents resolved. This cannot be undone.', 'Cancel the instance')) return;
    try {
      await post(`/v2/process-instances/${key}/cancellation`);
      notify('Instance cancelled.');
    } catch (e) {
      notify(problemText(e), 'error');
    }
    refresh();
  }

  /** A definition's XML never changes: it is read once, not at every refresh. */
  let definition = null;
  async function xmlOf(definitionKey) {
    if (definition?.key !== definitionKey) {
      definition = { key: definitionKey, xml: await get(`/v2/process-definitions/${definitionKey}/xml`, { accept: XML }) };
    }
    return definition.xml;
  }

  async function refresh() {
    const instance = await get(`/v2/process-instances/${key}`);
    const [xml, statistics, flows, incidentList, variableList, elements, called] = await Promise.all([
      xmlOf(instance.processDefinitionKey),
      get(`/v2/process-instances/${key}/statistics/element-instances`),
      get(`/v2/process-instances/${key}/sequence-flows`),
      post(`/v2/process-instances/${key}/incidents/search`, { page: { limit: 200 } }),
      search('variables', { processInstanceKey: key }, { sort: [{ field: 'name', order: 'ASC' }], limit: 1000 }),
      search('element-instances', { processInstanceKey: key },
        { sort: [{ field: 'startDate', order: 'ASC' }, { field: 'elementInstanceKey', order: 'ASC' }], limit: 1000 }),
      search('process-instances', { parentProcessInstanceKey: key }, { limit: 100 }),
    ]);
    const warnings = await diagram.draw(xml);
    if (warnings.length) note.textContent = `${warnings.length} drawing warning(s): ${warnings[0].message}`;
    diagram.paint(statistics.items, flows.items.map(f => f.sequenceFlowId));
    const active = instance.state === 'ACTIVE';
    const root = Object.fromEntries(variableList.items.filter(v => v.scopeKey === key).map(v => [v.name, v.value]));
    const start = name => { try { return JSON.parse(root[name] ?? 'null'); } catch { return null; } };
    const device = start('device');
    const task = start('task');
    const execution = start('execution');

    show(head, h('h1', {}, `${instance.processDefinitionName ?? instance.processDefinitionId} `,
      h('span', { class: 'muted' }, `v${instance.processDefinitionVersion}`)),
    keyValues([['Instance', key], ['State', [badge(instance.state), instance.hasIncident ? [' ', badge('incident')] : null]],
      ['Started', time(instance.startDate)], ['Ended', time(instance.endDate)],
      ['Device', device?.endpoint ? [h('a', { href: `#/devices/${encodeURIComponent(device.endpoint)}` }, device.endpoint), ' · ',
        h('a', { href: `#/flows/instances?device=${encodeURIComponent(device.endpoint)}`, class: 'small' }, 'its instances')] : undefined],
      ['Task', task?.id ? [h('a', { href: `#/tasks/${encodeURIComponent(task.id)}` }, task.name ?? task.id), ' · ',
        h('a', { href: `#/flows/instances?task=${encodeURIComponent(task.id)}`, class: 'small' }, 'its instances')] : undefined],
      ['Execution', execution?.id ? h('a', { href: `#/executions/${encodeURIComponent(execution.id)}` }, execution.id) : undefined],
      ['Called by', instance.parentProcessInstanceKey
        ? h('a', { href: `#/flows/instances/${instance.parentProcessInstanceKey}` }, instance.parentProcessInstanceKey) : undefined]]),
    h('p', { class: 'legend small' }, h('span', { class: 'l-active' }, 'active'), h('span', { class: 'l-completed' }, 'completed'),
      h('span', { class: 'l-incident' }, 'incident'), h('span', { class: 'l-taken' }, 'flow taken'),
      ' · click an element to see only its history'),
    active && may('operator') ? h('button', { type: 'button', class: 'danger', onclick: () => cancel(instance) }, 'Cancel instance') : null);

    const open = incidentList.items.filter(i => i.state === 'ACTIVE');
    show(incidents, h('h2', {}, `Incidents (${open.length} open)`), table([
      { title: 'Element', cell: i => i.elementId },
      { title: 'Type', cell: i => badge(i.errorType) },
      { title: 'Message', cell: i => h('span', { class: 'incident-message' }, i.errorMessage ?? '') },
      { title: 'Raised', cell: i => time(i.creationTime) },
      { title: 'State', cell: i => badge(i.state) },
      { title: '', cell: i => i.state === 'ACTIVE' && may('operator') ? h('button', { type: 'button', class: 'primary', onclick: () => retry(i) }, 'Retry') : '' },
    ], incidentList.items, 'No incident.'));

    const scopeNames = new Map(elements.items.map(e => [e.elementInstanceKey, e.elementName ?? e.elementId]));
    scopeNames.set(key, 'process');
    const editable = new Set(elements.items.filter(e => e.state === 'ACTIVE').map(e => e.elementInstanceKey));
    show(variables, h('h2', {}, 'Variables'), table([
      { title: 'Name', cell: v => h('code', {}, v.name) },
      { title: 'Scope', cell: v => scopeNames.get(v.scopeKey) ?? v.scopeKey },
      { title: 'Value', cell: v => h('code', { class: 'value' }, shortValue(v.value), v.isTruncated ? ' (truncated)' : '') },
      { title: '', cell: v => active && may('operator') && editable.has(v.scopeKey)
        ? h('button', { type: 'button', onclick: () => edit(v, scopeNames.get(v.scopeKey) ?? v.scopeKey) }, 'Edit') : '' },
    ], variableList.items, 'No variable.'));

    show(children, called.items.length ? [h('h2', {}, 'Called instances'), table([
      { title: 'Instance', cell: i => h('a', { href: `#/flows/instances/${i.processInstanceKey}` }, i.processInstanceKey) },
      { title: 'Process', cell: i => i.processDefinitionId },
      { title: 'State', cell: i => [badge(i.state), i.hasIncident ? [' ', badge('incident')] : null] },
    ], called.items)] : null);

    const shownElements = elements.items.filter(e => e.type !== 'PROCESS' && (!selected || e.elementId === selected));
    show(history, h('h2', {}, selected ? `History of ${selected} ` : 'Element history ',
      selected ? h('button', { type: 'button', class: 'small', onclick: () => { selected = null; refresh(); } }, 'Show all') : null),
    table([
      { title: 'Element', cell: e => e.elementName ?? e.elementId },
      { title: 'Type', cell: e => h('span', { class: 'small' }, e.type) },
      { title: 'State', cell: e => [badge(e.state), e.hasIncident ? [' ', badge('incident')] : null] },
      { title: 'Started', cell: e => time(e.startDate) },
      { title: 'Ended', cell: e => time(e.endDate) },
    ], shownElements, 'No element has run yet.'));
  }
  return { refresh, unmount: () => diagram.destroy() };
}
