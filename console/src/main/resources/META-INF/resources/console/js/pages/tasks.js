// Tasks: the list with how each stands, one task's executions and its cancellation, a form to submit a task, and
// one execution with its status history and log.
import { h, show, time, badge, table, pager, keyValues, confirmAction, notify, problemText } from '../dom.js';
import { get, post, request, query } from '../http.js';
import { may } from '../session.js';

/** The built-in task types and the attributes each takes (README, "Tasks"); required ones are marked. */
const BUILT_IN = {
  Lwm2mFirmwareUpdateTask: ['resourceId*', 'transferMethod', 'protocol', 'baseUrl', 'checkDeliveryAndProtocol',
    'timeoutInSec', 'ignoreFaults', 'resumeAfterDownlinkFailure', 'useQuota', 'useCacheForInitialStateRead',
    'statePollInterval', 'resumeTimeout'],
  BackupTask: ['key*', 'resumeTimeout'],
  RestoreTask: ['key*', 'resourceId', 'resumeTimeout'],
  ObserveTask: ['key*', 'sendObservationRequest', 'failIfExists', 'cancel', 'cancelType', 'minimumPeriod',
    'maximumPeriod', 'greaterThan', 'lessThan', 'step', 'minimumEvaluationPeriod', 'maximumEvaluationPeriod',
    'resumeTimeout'],
  ExecuteTask: ['key*', 'arguments', 'resumeTimeout'],
  cancelAllObserves: ['resumeTimeout'],
  Lwm2mBestEffortGetTask: ['key', 'useRefreshDataModel', 'useObjectRead', 'useObjectInstanceRead', 'useResourceRead',
    'useDiscover', 'resumeTimeout'],
  Lwm2mSoftwareManagementTask: ['operation*', 'instanceId', 'resourceId', 'transferMethod', 'protocol', 'baseUrl',
    'timeoutInSec', 'useQuota', 'ignoreFaults', 'statePollInterval', 'resumeAfterDownlinkFailure', 'resumeTimeout'],
  Lwm2mSoftwareActivationTask: ['desiredState*', 'instanceId*', 'resumeTimeout'],
  Lwm2mBootstrapTask: ['bootstrap', 'regular', 'performBootstrapFinish', 'resumeTimeout'],
  Lwm2mBootstrapConfiguration: ['serverName', 'serverId', 'resumeTimeout'],
};

const SEGMENTS = [['successes', 'SUCCESS'], ['warnings', 'WARNING'], ['failures', 'ERROR'], ['cancelled', 'CANCELLED'],
  ['inProgress', 'IN_PROGRESS'], ['waitingForDevice', 'WAITING_FOR_DEVICE'], ['queued', 'QUEUED']];

/** A task's summary as one bar, a segment per status, with the success rate beside it. */
export function progress(summary) {
  const total = summary.totalScheduled || 1;
  const label = `${summary.completed} of ${summary.totalScheduled} ended, ${Math.round(summary.successRate * 100)} % succeeded`;
  return h('div', { class: 'progress-line' },
    h('div', { class: 'progress', role: 'img', 'aria-label': label, title: SEGMENTS.map(([field, status]) =>
      `${status}: ${summary[field]}`).join(', ') },
    SEGMENTS.filter(([field]) => summary[field] > 0).map(([field, status]) =>
      h('span', { class: `seg s-${status.toLowerCase()}`, style: `width: ${(summary[field] * 100 / total).toFixed(2)}%` }))),
    h('span', { class: 'small' }, label));
}

function definitionOf(task) {
  if (task.template) return ['template', task.template];
  if (task.process) return ['process', task.process];
  if (task.operation) return ['operation', task.operation];
  return ['type', task.type];
}

function targetOf(task) {
  return task.target.device
    ? h('a', { href: `#/devices/${encodeURIComponent(task.target.device)}` }, task.target.device)
    : h('span', {}, 'group ', h('code', {}, task.target.group));
}

export function list(container) {
  let page = 0;
  const stateFilter = h('select', { id: 'task-state' }, ['', 'ACTIVE', 'CANCELLED'].map(s => h('option', { value: s }, s || 'any state')));
  const results = h('div', {});
  stateFilter.addEventListener('change', () => { page = 0; refresh(); });
  show(container, h('h1', {}, 'Tasks'),
    may('operator') ? submitForm() : h('p', { class: 'muted small' }, 'Submitting tasks needs the operator role.'),
    h('div', { class: 'filters' }, h('label', { for: 'task-state' }, 'State'), stateFilter), results);

  async function refresh() {
    const tasks = await get(`/api/tasks${query({ state: stateFilter.value, page, size: 20 })}`);
    const summaries = await Promise.all(tasks.items.map(t => get(`/api/tasks/${encodeURIComponent(t.id)}/summary`)));
    show(results, table([
      { title: 'Task', cell: t => h('a', { href: `#/tasks/${encodeURIComponent(t.id)}` }, t.name ?? t.id) },
      { title: 'Runs', cell: t => { const [kind, name] = definitionOf(t); return [h('span', { class: 'muted small' }, kind, ' '), name]; } },
      { title: 'Target', cell: targetOf },
      { title: 'State', cell: t => badge(t.state) },
      { title: 'Progress', cell: t => progress(summaries[tasks.items.indexOf(t)]) },
      { title: 'Submitted', cell: t => [time(t.createdAt), t.createdBy ? h('span', { class: 'muted small' }, ` by ${t.createdBy}`) : null] },
    ], tasks.items, 'No task yet.'), pager(tasks, p => { page = p; refresh(); }));
  }
  return { refresh };
}

/** Submit a template, user process or built-in type to a device or a group. */
function submitForm() {
  const kind = h('select', { id: 'submit-kind', name: 'kind' },
    [['template', 'Template'], ['type', 'Built-in task'], ['process', 'User process']].map(([v, t]) => h('option', { value: v }, t)));
  const definition = h('select', { id: 'submit-definition', name: 'definition', required: true });
  const targetKind = h('select', { id: 'submit-target-kind' }, [['device', 'Device'], ['group', 'Group']].map(([v, t]) => h('option', { value: v }, t)));
  const target = h('input', { id: 'submit-target', required: true, placeholder: 'endpoint, or a group path such as root.fleet' });
  const priority = h('input', { id: 'submit-priority', type: 'number', min: 0, max: 1000, value: 10 });
  const blocking = h('input', { id: 'submit-blocking', type: 'checkbox' });
  const properties = h('div', { class: 'properties' });
  const error = h('p', { class: 'error', role: 'alert' });

  function propertyRow(name = '', required = false) {
    const row = h('div', { class: 'property-row' },
      h('input', { class: 'p-name', value: name, 'aria-label': 'Property name', placeholder: 'name' }),
      h('input', { class: 'p-value', 'aria-label': `Value of ${name || 'the property'}`, placeholder: required ? 'required' : 'value', required }),
      h('button', { type: 'button', class: 'small', 'aria-label': 'Remove property', onclick: () => row.remove() }, '✕'));
    properties.append(row);
  }

  async function fillDefinitions() {
    definition.replaceChildren();
    properties.replaceChildren();
    let names = [];
    if (kind.value === 'type') names = Object.keys(BUILT_IN);
    else if (kind.value === 'template') names = (await get('/api/templates?size=1000')).items.map(t => t.name);
    else names = (await get('/api/processes?size=1000')).items.map(p => p.id);
    definition.append(...names.map(n => h('option', { value: n }, n)));
    fillProperties();
  }

  function fillProperties() {
    properties.replaceChildren();
    if (kind.value === 'type') {
      (BUILT_IN[definition.value] ?? []).filter(a => a.endsWith('*')).forEach(a => propertyRow(a.slice(0, -1), true));
    }
  }

  kind.addEventListener('change', () => fillDefinitions().catch(e => { error.textContent = problemText(e); }));
  definition.addEventListener('change', fillProperties);
  const attributes = h('datalist', { id: 'task-attributes' });
  const form = h('form', { class: 'card submit', 'aria-labelledby': 'submit-title' },
    h('h2', { id: 'submit-title' }, 'Submit a task'),
    h('div', { class: 'grid' },
      h('label', { for: 'submit-kind' }, 'Runs'), kind,
      h('label', { for: 'submit-definition' }, 'Which'), definition,
      h('label', { for: 'submit-target-kind' }, 'On a'), targetKind,
      h('label', { for: 'submit-target' }, 'Target'), target,
      h('label', { for: 'submit-priority' }, 'Priority (0 first)'), priority,
      h('label', { for: 'submit-blocking' }, 'Blocking'), blocking),
    h('h3', {}, 'Properties'), properties, attributes,
    h('button', { type: 'button', class: 'small', onclick: () => {
      attributes.replaceChildren(...(BUILT_IN[definition.value] ?? []).map(a => h('option', { value: a.replace('*', '') })));
      propertyRow();
      properties.lastElementChild.querySelector('.p-name').setAttribute('list', 'task-attributes');
    } }, 'Add property'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Submit')), error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const props = {};
    properties.querySelectorAll('.property-row').forEach(row => {
      const name = row.querySelector('.p-name').value.trim();
      if (name) props[name] = row.querySelector('.p-value').value;
    });
    const body = { [kind.value]: definition.value, target: { [targetKind.value]: target.value.trim() },
      priority: Number(priority.value), blocking: blocking.checked, properties: props };
    try {
      const task = await post('/api/tasks', body);
      notify(`Task ${task.id} submitted.`);
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    } catch (e) {
      error.textContent = problemText(e);
    }
  });
  fillDefinitions().catch(e => { error.textContent = problemText(e); });
  return form;
}

export function one(container, [rawId]) {
  const id = decodeURIComponent(rawId);
  const path = `/api/tasks/${encodeURIComponent(id)}`;
  let page = 0;
  const status = h('select', { id: 'execution-status' }, ['', 'QUEUED', 'IN_PROGRESS', 'WAITING_FOR_DEVICE', 'SUCCESS',
    'WARNING', 'ERROR', 'CANCELLED'].map(s => h('option', { value: s }, s || 'any status')));
  status.addEventListener('change', () => { page = 0; refresh(); });
  const head = h('section', {});
  const executions = h('section', {});
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/tasks' }, 'Tasks'), ' / ', id), head,
    h('h2', {}, 'Executions'), h('div', { class: 'filters' }, h('label', { for: 'execution-status' }, 'Status'), status,
      h('a', { href: `#/flows/instances?task=${encodeURIComponent(id)}` }, 'Their flow instances')), executions);

  async function cancel(task) {
    if (!await confirmAction(`Cancel task ${task.name ?? task.id}?`,
      'Its queued and waiting executions end CANCELLED and its running flows are cancelled in the engine.', 'Cancel the task')) return;
    try {
      await request('DELETE', path);
      notify('Task cancelled.');
      refresh();
    } catch (e) {
      notify(problemText(e), 'error');
    }
  }

  async function refresh() {
    const [task, summary, list] = await Promise.all([get(path), get(`${path}/summary`),
      get(`/api/executions${query({ task: id, status: status.value, page, size: 50 })}`)]);
    const [kind, name] = definitionOf(task);
    show(head, h('h1', {}, task.name ?? task.id),
      progress(summary),
      keyValues([['Runs', `${kind} ${name}`], ['Target', targetOf(task)], ['State', badge(task.state)],
        ['Priority', String(task.priority)], ['Blocking', task.blocking ? 'yes' : 'no'],
        ['Submitted', [time(task.createdAt), task.createdBy ? ` by ${task.createdBy}` : '']],
        ['Cancelled', task.cancelledAt ? time(task.cancelledAt) : undefined],
        ['Properties', Object.keys(task.properties ?? {}).length
          ? h('code', {}, Object.entries(task.properties).map(([k, v]) => `${k}=${v}`).join('  ')) : null],
        ['Summary', `${summary.successes} success, ${summary.warnings} warning, ${summary.failures} error, ` +
          `${summary.cancelled} cancelled, ${summary.inProgress} in progress, ${summary.waitingForDevice} waiting, ${summary.queued} queued`]]),
      task.state === 'ACTIVE' && may('operator')
        ? h('button', { type: 'button', class: 'danger', onclick: () => cancel(task) }, 'Cancel task') : null);
    show(executions, executionTable(list.items), pager(list, p => { page = p; refresh(); }));
  }
  return { refresh };
}

function executionTable(items) {
  return table([
    { title: 'Execution', cell: e => h('a', { href: `#/executions/${encodeURIComponent(e.id)}` }, e.id) },
    { title: 'Device', cell: e => h('a', { href: `#/devices/${encodeURIComponent(e.endpoint)}` }, e.endpoint) },
    { title: 'Status', cell: e => badge(e.status) },
    { title: 'Result', cell: e => [e.result ? h('code', {}, e.result) : '', e.details ? h('div', { class: 'small' }, e.details) : ''] },
    { title: 'Started', cell: e => time(e.startedAt) },
    { title: 'Ended', cell: e => time(e.endedAt) },
    { title: 'Flow', cell: e => e.processInstanceKey
      ? h('a', { href: `#/flows/instances/${e.processInstanceKey}` }, e.processId ?? 'instance') : e.processId ?? '' },
  ], items, 'No execution matches.');
}

export function execution(container, [rawId]) {
  const id = decodeURIComponent(rawId);
  const body = h('div', {});
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/tasks' }, 'Tasks'), ' / execution ', id), body);

  async function refresh() {
    const [e, log] = await Promise.all([get(`/api/executions/${encodeURIComponent(id)}`),
      get(`/api/executions/${encodeURIComponent(id)}/log`)]);
    show(body, h('h1', {}, `Execution of ${e.processId ?? 'a flow'} on ${e.endpoint}`),
      keyValues([['Status', badge(e.status)], ['Device', h('a', { href: `#/devices/${encodeURIComponent(e.endpoint)}` }, e.endpoint)],
        ['Task', h('a', { href: `#/tasks/${encodeURIComponent(e.taskId)}` }, e.taskId)],
        ['Result', e.result ? h('code', {}, e.result) : null], ['Details', e.details],
        ['Flow instance', e.processInstanceKey
          ? h('a', { href: `#/flows/instances/${e.processInstanceKey}` }, String(e.processInstanceKey)) : null],
        ['Now at', e.activeElements?.length ? e.activeElements.map(a => [badge(a.incident ? 'incident' : a.type), ' ', a.elementName ?? a.elementId, ' ']) : null],
        ['Queued', time(e.createdAt)], ['Started', time(e.startedAt)], ['Ended', time(e.endedAt)]]),
      h('h2', {}, 'Status history'),
      table([{ title: 'When', cell: c => time(c.at) }, { title: 'Status', cell: c => badge(c.status) },
        { title: 'Note', cell: c => c.note ?? '' }], e.history ?? []),
      h('h2', {}, 'Log'),
      table([{ title: 'When', cell: l => time(l.at) }, { title: 'Level', cell: l => badge(l.level) },
        { title: 'Message', cell: l => l.message }], log, 'Nothing logged.'));
  }
  return { refresh };
}
