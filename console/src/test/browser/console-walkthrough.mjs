// The console in headless Chromium, driven by playwright-core, against a running dmflow:
//   node console-walkthrough.mjs <base URL> <admin user> <password> <device endpoint> <screenshot folder> <image>
// Run by the api module's ConsoleBrowserTest, which gives the device firmware 1.0.0 and <image>, a package of 2.0.0.
// It signs in, raises an incident in a flow of its own, sees it red on the diagram, edits a variable and retries from
// the page and sees the flow complete; submits a firmware update of a package not uploaded yet from the form, sees
// the delivery's incident red on the diagram, uploads the package, retries from the page and sees the update complete
// with the engine's counts on the diagram's elements; cancels an instance; watches another flow move from step to step
// on the list and the diagram without reloading, the updates pause while the tab is hidden and slow down while dmflow
// fails; shows a template's compile error at its line and the compiled diagram, submits the template to the device
// and to a group from the form, sees the group task's progress and cancels it; filters the instances by device, task
// and time, observes a path on the device's page, follows the device's history into the flow instance; signs in as a
// viewer, who is offered no repair; looks at every page at 1280x800 and at a phone's width, has axe-core audit each
// page for accessibility and walks the pages with the keyboard alone. Every step prints "ok" or "FAIL"; the exit code
// is the number of failures.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [base, user, password, endpoint, shots, firmwareImage] = process.argv.slice(2);
const chromiumPath = process.env.DMFLOW_CHROMIUM ?? '/usr/bin/chromium';
fs.mkdirSync(shots, { recursive: true });
const authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures++; };

async function api(method, path, body, type = 'application/json') {
  const response = await fetch(base + path, { method, headers: { Authorization: authorization, 'Content-Type': type },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

/** A flow of service tasks in a row, which nobody works on but this script, drawn with diagram interchange. */
function flowOf(processId, name, steps) {
  const elements = [];
  const shapes = [];
  let previous = 'start';
  let x = 200;
  shapes.push('<bpmndi:BPMNShape id="startShape" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>');
  for (const [stepId, stepName, type] of [...steps, ['end', null, null]]) {
    elements.push(`<sequenceFlow id="to_${stepId}" sourceRef="${previous}" targetRef="${stepId}"/>`);
    elements.push(type ? `<serviceTask id="${stepId}" name="${stepName}"><extensionElements><zeebe:taskDefinition type="${type}"/></extensionElements></serviceTask>`
      : `<endEvent id="${stepId}"/>`);
    const [width, height, y] = type ? [100, 80, 78] : [36, 36, 100];
    shapes.push(`<bpmndi:BPMNShape id="${stepId}Shape" bpmnElement="${stepId}"><dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}"/></bpmndi:BPMNShape>`);
    shapes.push(`<bpmndi:BPMNEdge id="to_${stepId}Edge" bpmnElement="to_${stepId}"><di:waypoint x="${x - 64}" y="118"/><di:waypoint x="${x}" y="118"/></bpmndi:BPMNEdge>`);
    previous = stepId;
    x += width + 64;
  }
  return api('PUT', `/api/processes/${processId}`, `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="http://dmflow.io/test">
  <process id="${processId}" name="${name}" isExecutable="true"><startEvent id="start"/>${elements.join('')}</process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">${shapes.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>`, 'application/xml');
}
const activateOf = async type => (await api('POST', '/v2/jobs/activation',
  { type, worker: 'walkthrough', timeout: 60000, maxJobsToActivate: 1, requestTimeout: 10000 })).jobs[0];

const startedAt = new Date();
const id = `walkthrough_${Date.now()}`;
const jobType = `console-walkthrough.${id}`;
await flowOf(id, 'Walkthrough', [['step', 'Step', jobType]]);
const { processInstanceKey: key } = await api('POST', '/v2/process-instances', { processDefinitionId: id, variables: { note: 'as started' } });
const activate = () => activateOf(jobType);
const job = await activate();
await api('POST', `/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: 'device said no' });

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const errors = [];
/** Statuses of refusals a step asks for: Chromium logs every refused request as an error. */
const expected = [];
/** A status every refusal of which is expected while a step makes dmflow fail on purpose. */
let tolerated = null;
function watch(page, name) {
  page.on('console', m => {
    if (m.type() !== 'error') return;
    if (tolerated && m.text().includes(`status of ${tolerated}`)) return;
    const refusal = expected.findIndex(status => m.text().includes(`status of ${status}`));
    if (refusal >= 0) { expected.splice(refusal, 1); return; }
    errors.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', e => errors.push(`${name}: ${e.message}`));
  page.on('dialog', d => { errors.push(`${name}: a browser dialog opened: ${d.message()}`); d.dismiss(); });
}
async function signIn(page, as = user, secret = password) {
  await page.goto(`${base}/console/`);
  await page.fill('#login-user', as);
  await page.fill('#login-password', secret);
  await page.click('.login button[type=submit]');
  await page.waitForSelector('h1:has-text("Devices")');
}
async function step(what, action) {
  try {
    await action();
    check(true, what);
  } catch (e) {
    check(false, `${what}: ${e.message.split('\n')[0]}`);
  }
}

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
watch(page, '1280');
await step('/console without its slash leads to the sign-in', async () => {
  await page.goto(`${base}/console`);
  await page.waitForSelector('#login-user');
  if (!page.url().endsWith('/console/')) throw new Error(page.url());
  await page.screenshot({ path: `${shots}/login.png`, fullPage: true });
});
await step('a wrong password is refused on the page, without the browser\'s own dialog', async () => {
  await page.goto(`${base}/console/`);
  await page.fill('#login-user', user);
  await page.fill('#login-password', 'not-the-password');
  expected.push(401);
  await page.click('.login button[type=submit]');
  await page.waitForSelector('text=Wrong user name or password.');
});
await step('signed in, with the role found', async () => {
  await signIn(page);
  if (!(await page.textContent('#who-name')).includes('(admin)')) throw new Error(await page.textContent('#who-name'));
});
await step('the devices page lists the device', async () => {
  await page.waitForSelector(`a:text-is("${endpoint}")`);
  await page.screenshot({ path: `${shots}/devices.png`, fullPage: true });
});
await step('the flows page counts the incident', async () => {
  await page.goto(`${base}/console/#/flows`);
  await page.waitForSelector(`tr:has-text("${id}") a.incident-count:text-is("1")`);
  await page.screenshot({ path: `${shots}/flows.png`, fullPage: true });
});
await step('the instances with an incident list it', async () => {
  await page.goto(`${base}/console/#/flows/instances?process=${id}&state=INCIDENT`);
  await page.click(`a:text-is("${key}")`);
});
await step('the incident is red on the diagram, with its message', async () => {
  await page.waitForSelector('.djs-element.dm-incident[data-element-id="step"]');
  await page.waitForSelector('.incident-message:text-is("device said no")');
  await page.screenshot({ path: `${shots}/instance-incident.png`, fullPage: true });
});
await step('a variable is edited from the page, after confirmation', async () => {
  await page.click('tr:has(code:text-is("note")) button:has-text("Edit")');
  await page.fill('#variable-value', '"edited"');
  await page.click('dialog button:has-text("Review")');
  await page.click('dialog button:has-text("Set the variable")');
  await page.waitForSelector('code.value:text-is("\\"edited\\"")');
});
await step('the incident is retried from the page, after confirmation', async () => {
  await page.click('button:has-text("Retry")');
  await page.click('dialog button.danger:has-text("Retry")');
  await page.waitForSelector('h2:text-is("Incidents (0 open)")');
});
const retried = await activate();
check(retried?.variables?.note === 'edited', 'the retried step runs with the edited variable');
if (retried) await api('POST', `/v2/jobs/${retried.jobKey}/completion`, {});
await step('the page sees the flow complete without reloading', async () => {
  await page.waitForSelector('.kv .badge:text-is("COMPLETED")', { timeout: 15000 });
  await page.waitForSelector('.djs-element.dm-completed[data-element-id="end"]');
  await page.screenshot({ path: `${shots}/instance-completed.png`, fullPage: true });
});

// The issue's scenario, on the built-in flow: a firmware update of a package nobody uploaded yet stops at its
// delivery with an incident; the operator uploads the package, as an operator would, and retries from the page.
const firmwarePackage = `walkthrough-firmware-${Date.now()}`;
let firmwareKey = null;
await step('a firmware update is submitted to the device from the form, which knows its attributes', async () => {
  await page.goto(`${base}/console/#/tasks`);
  await page.selectOption('#submit-kind', 'type');
  await page.waitForSelector('#submit-definition option[value="Lwm2mFirmwareUpdateTask"]', { state: 'attached' });
  await page.selectOption('#submit-definition', 'Lwm2mFirmwareUpdateTask');
  // the required attribute comes with the type; another one is picked from those the form offers
  await page.fill('input[aria-label="Value of resourceId"][required]', firmwarePackage);
  await page.click('button:has-text("Add property")');
  await page.waitForSelector('#task-attributes option[value="statePollInterval"]', { state: 'attached' });
  await page.fill('.property-row:last-child .p-name', 'statePollInterval');
  await page.fill('.property-row:last-child .p-value', 'PT1S');
  await page.fill('#submit-target', endpoint);
  await page.click('form.submit button[type=submit]');
  await page.waitForSelector(`.kv code:has-text("resourceId=${firmwarePackage}")`);
  await page.screenshot({ path: `${shots}/firmware-task.png`, fullPage: true });
  await page.click('td a[href^="#/flows/instances/"]:text-is("lwm2m-firmware-update")', { timeout: 20000 });
  firmwareKey = new URL(page.url()).hash.replace('#/flows/instances/', '');
});
await step('the delivery stops at an incident, red on the diagram and counted, naming the missing package', async () => {
  await page.waitForSelector('.djs-element.dm-incident[data-element-id="deliver"]', { timeout: 30000 });
  await page.waitForSelector('.djs-overlays[data-container-id="deliver"] .c-incident:text-is("1")');
  const stroke = await page.$eval('.djs-element[data-element-id="deliver"] .djs-visual > :first-child', e => getComputedStyle(e).stroke);
  if (stroke !== 'rgb(198, 40, 40)') throw new Error(`the delivery is drawn in ${stroke}, not in red`);
  await page.waitForSelector(`.incident-message:has-text("names no stored resource: ${firmwarePackage}")`);
  await page.screenshot({ path: `${shots}/firmware-incident.png`, fullPage: true });
});
await api('PUT', `/api/resources/${firmwarePackage}/data?category=firmware`, fs.readFileSync(firmwareImage),
  'application/octet-stream');
await step('with the package uploaded, the incident is retried from the page and the update completes', async () => {
  await page.click('button:has-text("Retry")');
  await page.click('dialog button.danger:has-text("Retry")');
  await page.waitForSelector('h2:text-is("Incidents (0 open)")');
  // the device downloads the package, reboots and comes back with it
  await page.waitForSelector('.kv .badge:text-is("COMPLETED")', { timeout: 60000 });
  await page.waitForSelector('.djs-element.dm-completed[data-element-id="updated"]');
  await page.waitForSelector('.djs-overlays[data-container-id="deliver"] .c-completed:text-is("1")');
  if (await page.$('.djs-element.dm-incident')) throw new Error('an element is still red');
  await page.screenshot({ path: `${shots}/firmware-completed.png`, fullPage: true });
});
await step('the counts on the diagram\'s elements are the engine\'s', async () => {
  const { items } = await api('GET', `/v2/process-instances/${firmwareKey}/statistics/element-instances`);
  const shown = await page.$$eval('.djs-overlays', overlays => Object.fromEntries(overlays.map(o =>
    [o.dataset.containerId, [...o.querySelectorAll('.dm-counts span')].map(c => `${c.className} ${c.textContent}`).join(', ')])));
  const drawn = await page.$$eval('.djs-shape[data-element-id]', shapes => shapes.map(e => e.dataset.elementId));
  const expected = items.filter(s => drawn.includes(s.elementId)).map(s => [s.elementId,
    [['c-active', s.active], ['c-incident', s.incidents], ['c-completed', s.completed], ['c-canceled', s.canceled]]
      .filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ')]);
  if (expected.length < 10) throw new Error(`only ${expected.length} elements ran`);
  const wrong = expected.filter(([element, counts]) => (shown[element] ?? '') !== counts);
  if (wrong.length) throw new Error(wrong.map(([element, counts]) => `${element}: ${shown[element]} for ${counts}`).join('; '));
});
await step('the firmware update\'s execution ends SUCCESS with the version the device reports after its reboot', async () => {
  await page.click('.kv a[href^="#/executions/"]');
  await page.waitForSelector('.kv .badge:text-is("SUCCESS")');
  await page.waitForSelector('.kv dd:has-text("newFirmwareVersion=2.0.0")');
  await page.screenshot({ path: `${shots}/firmware-execution.png`, fullPage: true });
});
await step('the devices page shows the firmware version the flow read after the update', async () => {
  await page.goto(`${base}/console/#/devices`);
  await page.fill('#device-prefix', endpoint);
  await page.click('form.filters button[type="submit"]');
  await page.waitForSelector(`tr:has(a:text-is("${endpoint}")) td:text-is("2.0.0")`);
});


await step('an instance is cancelled from the page, after confirmation, and its diagram counts the cancelled step', async () => {
  const { processInstanceKey: doomed } = await api('POST', '/v2/process-instances', { processDefinitionId: id, variables: { note: 'to cancel' } });
  await page.goto(`${base}/console/#/flows/instances/${doomed}`);
  await page.waitForSelector('.djs-overlays[data-container-id="step"] .c-active:text-is("1")');
  await page.click('button:has-text("Cancel instance")');
  await page.waitForSelector(`dialog[open] h2:text-is("Cancel instance ${doomed}?")`);
  await page.click('dialog button.danger:has-text("Cancel the instance")');
  await page.waitForSelector('.kv .badge:text-is("TERMINATED")');
  await page.waitForSelector('.djs-overlays[data-container-id="step"] .c-canceled:text-is("1")');
  if (await page.$('button:has-text("Cancel instance")')) throw new Error('a cancelled instance is offered to be cancelled');
  await page.screenshot({ path: `${shots}/instance-cancelled.png`, fullPage: true });
});


// Live: a flow of two steps moves on while the page looks at it.
const liveId = `${id}_live`;
await flowOf(liveId, 'Walkthrough live', [['one', 'First step', `${jobType}.one`], ['two', 'Second step', `${jobType}.two`]]);
await step('the instances list and the diagram follow a flow as it runs, without reloading', async () => {
  await page.goto(`${base}/console/#/flows/instances?process=${liveId}`);
  await page.waitForSelector('text=No instance matches.');
  await page.evaluate(() => { window.walkthroughDocument = 'the same'; });
  const { processInstanceKey: liveKey } = await api('POST', '/v2/process-instances', { processDefinitionId: liveId });
  await page.click(`a:text-is("${liveKey}")`);
  await page.waitForSelector('.djs-element.dm-active[data-element-id="one"]');
  const first = await activateOf(`${jobType}.one`);
  await api('POST', `/v2/jobs/${first.jobKey}/completion`, {});
  await page.waitForSelector('.djs-element.dm-active[data-element-id="two"]');
  await page.waitForSelector('.djs-element.dm-completed[data-element-id="one"]');
  await page.screenshot({ path: `${shots}/instance-live.png`, fullPage: true });
  const second = await activateOf(`${jobType}.two`);
  await api('POST', `/v2/jobs/${second.jobKey}/completion`, {});
  await page.waitForSelector('.kv .badge:text-is("COMPLETED")');
  await page.waitForSelector('.djs-element.dm-completed[data-element-id="end"]');
  if (await page.evaluate(() => window.walkthroughDocument) !== 'the same') throw new Error('the page was reloaded');
});
await step('updates pause while the tab is hidden, and come back when it shows', async () => {
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForSelector('#live-state[data-state="paused"]:has-text("tab hidden")');
  const asked = [];
  const ask = request => { if (/\/(api|v2)\//.test(request.url())) asked.push(request.url()); };
  page.on('request', ask);
  // That nothing is asked has no signal to wait for: twice the pace of the updates (2.5 s) is given to break it.
  await page.waitForTimeout(5500);
  page.off('request', ask);
  if (asked.length) throw new Error(`asked while hidden: ${asked[0]}`);
  await page.evaluate(() => {
    delete document.hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForSelector('#live-state[data-state="live"]');
});
await step('updates slow down while dmflow fails, and the page recovers by itself', async () => {
  tolerated = 503;
  const unavailable = route => route.fulfill({ status: 503, contentType: 'application/problem+json',
    body: JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'made to fail by the walkthrough' }) });
  await page.route(/\/(api|v2)\//, unavailable);
  try {
    await page.waitForSelector('#live-state[data-state="retrying"]:has-text("retrying in 5 s")');
    await page.waitForSelector('#live-state[data-state="retrying"]:has-text("retrying in 10 s")', { timeout: 15000 });
    await page.screenshot({ path: `${shots}/retrying.png` });
  } finally {
    await page.unroute(/\/(api|v2)\//, unavailable);
  }
  try {
    await page.waitForSelector('#live-state[data-state="live"]', { timeout: 20000 });
  } finally {
    tolerated = null;
  }
  await page.waitForSelector('.kv .badge:text-is("COMPLETED")');
});

const template = `walkthrough-${Date.now()}`;
await step('a template\'s compile error is shown at its line, and selects it in the editor', async () => {
  await page.goto(`${base}/console/#/templates/${template}`);
  await page.waitForSelector('form.editor[data-loaded]');
  await page.fill('#template-xml', '<config>\n  <get key="/3/0/0" output="maker"/>\n  <nosuchtag/>\n</config>');
  expected.push(400);
  await page.click('button:has-text("Save and deploy")');
  await page.click('.compile-errors button:has-text("line 3")');
  const selected = await page.$eval('#template-xml', t => t.value.slice(t.selectionStart, t.selectionEnd));
  if (!selected.includes('nosuchtag')) throw new Error(`selected: ${selected}`);
  await page.screenshot({ path: `${shots}/template-error.png`, fullPage: true });
});
await step('a saved template is drawn beside its XML', async () => {
  await page.fill('#template-xml', '<config>\n  <get key="/3/0/0" output="maker"/>\n  <log message="maker ${#maker}"/>\n</config>');
  await page.click('button:has-text("Save and deploy")');
  await page.waitForSelector('.diagram .djs-shape');
  await page.screenshot({ path: `${shots}/template.png`, fullPage: true });
});
/** A temperature the simulated device changes (ConsoleBrowserTest sets the pace). */
const sensor = '/3303/0/5700';
let taskId = null;
let executionId = null;
await step('the template is submitted to the device from the form, and the task page sees it succeed', async () => {
  await page.goto(`${base}/console/#/tasks`);
  await page.waitForSelector(`#submit-definition option[value="${template}"]`, { state: 'attached' });
  await page.screenshot({ path: `${shots}/tasks.png`, fullPage: true });
  await page.selectOption('#submit-definition', template);
  await page.fill('#submit-target', endpoint);
  await page.click('form.submit button[type=submit]');
  await page.waitForSelector('td .badge:text-is("SUCCESS")', { timeout: 30000 });
  await page.waitForSelector('text=100 % succeeded');
  taskId = decodeURIComponent(new URL(page.url()).hash.replace('#/tasks/', ''));
  await page.screenshot({ path: `${shots}/task.png`, fullPage: true });
});
await step('an execution shows its status history and log', async () => {
  await page.click('td a[href^="#/executions/"]');
  await page.waitForSelector('h2:text-is("Status history")');
  await page.waitForSelector('td .badge:text-is("SUCCESS")');
  executionId = decodeURIComponent(new URL(page.url()).hash.replace('#/executions/', ''));
  await page.screenshot({ path: `${shots}/execution.png`, fullPage: true });
});
// A group of the device and one that never registered: the task's bar has a part ended and a part queued.
const group = `root.walkthrough-${Date.now()}`;
const absent = `${endpoint}-never-registered`;
await api('PUT', `/api/groups/${group}`);
await api('PUT', `/api/groups/${group}/members/${endpoint}`);
await api('PUT', `/api/groups/${group}/members/${absent}`);
let groupTaskId = null;
const bar = (part, status) => `.progress .seg.s-${status}[style="width: ${part}%"]`;
await step('the template is submitted to a group from the form, and the task page shows its progress and success rate', async () => {
  await page.goto(`${base}/console/#/tasks`);
  await page.waitForSelector(`#submit-definition option[value="${template}"]`, { state: 'attached' });
  await page.selectOption('#submit-definition', template);
  await page.selectOption('#submit-target-kind', 'group');
  await page.fill('#submit-target', group);
  await page.click('form.submit button[type=submit]');
  await page.waitForSelector(`.kv code:text-is("${group}")`);
  await page.waitForSelector('.progress[aria-label="1 of 2 ended, 50 % succeeded"]', { timeout: 30000 });
  await page.waitForSelector(bar('50.00', 'success'));
  await page.waitForSelector(bar('50.00', 'queued'));
  await page.waitForSelector(`tr:has(a:text-is("${absent}")) .badge:text-is("QUEUED")`);
  groupTaskId = decodeURIComponent(new URL(page.url()).hash.replace('#/tasks/', ''));
  await page.screenshot({ path: `${shots}/group-task.png`, fullPage: true });
});
await step('the group task is cancelled from its page only once confirmed, and its queued execution ends CANCELLED', async () => {
  await page.click('button:has-text("Cancel task")');
  await page.click('dialog button:text-is("Cancel")');
  await page.waitForSelector('dialog', { state: 'detached' });
  if ((await api('GET', `/api/tasks/${encodeURIComponent(groupTaskId)}`)).state !== 'ACTIVE') throw new Error('dismissing the dialog cancelled the task');
  await page.click('button:has-text("Cancel task")');
  await page.click('dialog button.danger:has-text("Cancel the task")');
  await page.waitForSelector('.kv .badge:text-is("CANCELLED")');
  await page.waitForSelector('.progress[aria-label="2 of 2 ended, 50 % succeeded"]');
  await page.waitForSelector(bar('50.00', 'cancelled'));
  await page.waitForSelector(`tr:has(a:text-is("${absent}")) .badge:text-is("CANCELLED")`);
  if (await page.$('button:has-text("Cancel task")')) throw new Error('a cancelled task is offered to be cancelled');
  await page.screenshot({ path: `${shots}/task-cancelled.png`, fullPage: true });
  await page.goto(`${base}/console/#/tasks`);
  await page.waitForSelector(`tr:has(code:text-is("${group}")) .progress[aria-label="2 of 2 ended, 50 % succeeded"]`);
});
await step('the instances are filtered by device, by task and by start time', async () => {
  const ran = await api('GET', `/api/executions/${encodeURIComponent(executionId)}`);
  const templateProcess = `a:text-is("${ran.processInstanceKey}")`;
  await page.goto(`${base}/console/#/flows/instances`);
  await page.waitForSelector(`a:text-is("${key}")`);
  await page.fill('#instance-device', endpoint);
  await page.click('form[role=search] button[type=submit]');
  await page.waitForSelector(templateProcess);
  if (!page.url().includes(`device=${endpoint}`)) throw new Error(`the filter is not in the address: ${page.url()}`);
  if (await page.$(`a:text-is("${key}")`)) throw new Error('an instance of no execution on the device is listed');
  await page.screenshot({ path: `${shots}/instances.png`, fullPage: true });
  await page.goto(`${base}/console/#/flows/instances?task=${encodeURIComponent(taskId)}`);
  await page.waitForSelector(templateProcess);
  if ((await page.$$('tbody tr')).length !== 1) throw new Error('the task ran one execution, one instance is expected');
  await page.goto(`${base}/console/#/flows/instances?device=no-such-device-${Date.now()}`);
  await page.waitForSelector('text=No instance matches.');
  const local = at => new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const before = local(new Date(startedAt.getTime() - 120000));
  await page.goto(`${base}/console/#/flows/instances?process=${id}&since=${before}`);
  await page.waitForSelector(`a:text-is("${key}")`);
  await page.goto(`${base}/console/#/flows/instances?process=${id}&until=${before}`);
  await page.waitForSelector('text=No instance matches.');
});
await step('a path is observed from the device\'s page, its values shown, and the observation stopped', async () => {
  await page.goto(`${base}/console/#/devices/${endpoint}`);
  await page.waitForSelector('text=Nothing is observed on this device.');
  await page.fill('#observe-key', sensor);
  await page.click('button:has-text("Start observing")');
  await page.click(`td button.link:text-is("${sensor}")`);
  await page.waitForSelector(`.observed-history h3:has-text("${sensor}")`);
  // the simulated sensor changes twice a second: its notifications come in while the page looks
  await page.waitForFunction(() => document.querySelectorAll('.observed-history .bars span').length >= 3, null, { timeout: 20000 });
  await page.screenshot({ path: `${shots}/device.png`, fullPage: true });
  await page.click('button:has-text("Stop observing")');
  await page.click('dialog button.danger:has-text("Stop observing")');
  await page.waitForSelector('text=Nothing is observed on this device.');
});
await step('the device\'s history opens the flow instance it ran', async () => {
  await page.goto(`${base}/console/#/devices/${endpoint}`);
  await page.click(`.timeline li:has-text("${template}") >> text=open its flow instance`);
  await page.waitForSelector('.djs-element.dm-completed');
  await page.waitForSelector(`.kv a:text-is("${endpoint}")`);
  await page.screenshot({ path: `${shots}/device-instance.png`, fullPage: true });
});
await step('a user process is drawn on its page', async () => {
  await page.goto(`${base}/console/#/templates`);
  await page.waitForSelector(`a:text-is("${template}")`);
  await page.screenshot({ path: `${shots}/templates.png`, fullPage: true });
  await page.click(`a:text-is("${id}")`);
  await page.waitForSelector('.diagram .djs-shape[data-element-id="step"]');
  await page.screenshot({ path: `${shots}/process.png`, fullPage: true });
});
await step('signing out brings the login back', async () => {
  await page.click('#sign-out');
  await page.waitForSelector('#login-user');
});

// A viewer: who is signed in is said, and no repair is offered where an operator would get one.
const viewer = `walkthrough-viewer-${Date.now()}`;
await api('POST', '/api/users', { name: viewer, password: 'walkthrough viewer secret', role: 'viewer' });
const { processInstanceKey: broken } = await api('POST', '/v2/process-instances', { processDefinitionId: id, variables: { note: 'broken' } });
const brokenJob = await activate();
await api('POST', `/v2/jobs/${brokenJob.jobKey}/failure`, { retries: 0, errorMessage: 'device said no again' });
const viewerPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
watch(viewerPage, 'viewer');
await step('a viewer is named with the role dmflow gives, and offered no repair, task form, observation or template save', async () => {
  await signIn(viewerPage, viewer, 'walkthrough viewer secret');
  const who = await viewerPage.textContent('#who-name');
  if (who !== `${viewer} (viewer)`) throw new Error(who);
  await viewerPage.goto(`${base}/console/#/flows/instances/${broken}`);
  await viewerPage.waitForSelector('.djs-element.dm-incident[data-element-id="step"]');
  await viewerPage.waitForSelector('.incident-message:text-is("device said no again")');
  for (const offered of ['button:has-text("Retry")', 'button:has-text("Cancel instance")', 'button:has-text("Edit")']) {
    if (await viewerPage.$(offered)) throw new Error(`a viewer is offered ${offered}`);
  }
  await viewerPage.screenshot({ path: `${shots}/viewer-instance.png`, fullPage: true });
  await viewerPage.goto(`${base}/console/#/tasks`);
  await viewerPage.waitForSelector('text=Submitting tasks needs the operator role.');
  await viewerPage.goto(`${base}/console/#/devices/${endpoint}`);
  await viewerPage.waitForSelector('h2:text-is("Observations")');
  await viewerPage.waitForSelector('.timeline li');
  if (await viewerPage.$('#observe-key')) throw new Error('a viewer is offered to observe');
  await viewerPage.goto(`${base}/console/#/templates/${template}`);
  await viewerPage.waitForSelector('form.editor[data-loaded]');
  if (await viewerPage.$('button:has-text("Save and deploy")')) throw new Error('a viewer is offered to save a template');
});
await viewerPage.close();

const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
watch(phone, '390');
await signIn(phone);
/** Every page, with what shows it is drawn; the pages of the task and execution made above when those steps passed. */
const pages = [['#/devices', `a:text-is("${endpoint}")`], [`#/devices/${endpoint}`, '.timeline li'], ['#/tasks', 'td'],
  taskId && [`#/tasks/${taskId}`, 'td'], executionId && [`#/executions/${executionId}`, 'td'], ['#/templates', 'td'],
  [`#/templates/${template}`, '.diagram .djs-shape'], [`#/processes/${id}`, '.djs-shape'], ['#/flows', 'td'],
  [`#/flows/instances?process=${id}`, 'td'], [`#/flows/instances?device=${endpoint}`, 'td'], [`#/flows/instances/${key}`, '.djs-shape'],
  [`#/flows/instances/${broken}`, '.djs-element.dm-incident']].filter(Boolean);
for (const [hash, ready] of pages) {
  await step(`${hash} fits a phone's width`, async () => {
    await phone.goto(`${base}/console/${hash}`);
    await phone.waitForSelector(ready);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await phone.screenshot({ path: `${shots}/phone-${hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.png`, fullPage: true });
    if (overflow > 0) throw new Error(`${overflow}px wider than the screen`);
  });
}
// axe-core's audit is injected as a script, which the console's Content-Security-Policy forbids: this page bypasses
// it, the pages above keep it.
const auditor = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
watch(auditor, 'audit');
await signIn(auditor);
const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
for (const [hash, ready] of pages) {
  await step(`${hash}: axe-core finds no serious or critical violation`, async () => {
    await auditor.goto(`${base}/console/${hash}`);
    await auditor.waitForSelector(ready);
    await auditor.addScriptTag({ path: axe });
    const { violations } = await auditor.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
    if (serious.length) {
      throw new Error(serious.map(v => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
    }
  });
}
await step('the login form is usable with the keyboard alone', async () => {
  await auditor.bringToFront();
  await auditor.click('#sign-out');
  await auditor.waitForFunction(() => document.activeElement?.id === 'login-user');
  await auditor.keyboard.type(user);
  await auditor.keyboard.press('Tab');
  await auditor.keyboard.type(password);
  await auditor.keyboard.press('Enter');
  await auditor.waitForSelector('#who-name:has-text("(admin)")');
});

/** Presses the key until the focused element matches the selector (and has the text, if given). */
async function tabTo(page, selector, text, key = 'Tab', most = 80) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(([s, t]) => document.activeElement?.matches(s)
      && (t === null || document.activeElement.textContent.trim() === t), [selector, text ?? null])) return;
  }
  throw new Error(`${key} pressed ${most} times did not reach ${selector}${text ? ` "${text}"` : ''}`);
}
const focused = page => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
await step('the pages are walked with the keyboard alone: skip link, navigation, filters, links, a repair\'s dialog', async () => {
  // a page loaded anew, where nothing has the focus yet (another query, so not just another hash of the same page)
  await auditor.goto(`${base}/console/?keyboard#/devices`);
  await auditor.waitForSelector('h1:has-text("Devices")');
  await auditor.keyboard.press('Tab');
  if (await focused(auditor) !== 'skip') throw new Error(`the first Tab reaches ${await focused(auditor)}, not the skip link`);
  await auditor.keyboard.press('Enter');
  if (await focused(auditor) !== 'main') throw new Error(`the skip link moved the focus to ${await focused(auditor)}`);
  await tabTo(auditor, '#nav a', 'Flows', 'Shift+Tab');
  await auditor.keyboard.press('Enter');
  await auditor.waitForSelector('h1:text-is("Flows")');
  if (await focused(auditor) !== 'main') throw new Error(`a new page leaves the focus on ${await focused(auditor)}`);
  await tabTo(auditor, 'a', 'Instances with incidents');
  await auditor.keyboard.press('Enter');
  await auditor.waitForSelector('h1:text-is("Process instances")');
  await tabTo(auditor, '#instance-process');
  await auditor.keyboard.type(id);
  await auditor.keyboard.press('Enter');
  await auditor.waitForFunction(expected => location.hash.includes(`process=${expected}`), id);
  await tabTo(auditor, 'a', String(broken));
  await auditor.keyboard.press('Enter');
  await auditor.waitForSelector('.djs-element.dm-incident[data-element-id="step"]');
  await tabTo(auditor, 'button', 'Retry');
  await auditor.keyboard.press('Enter');
  await auditor.waitForSelector('dialog[open]');
  await auditor.screenshot({ path: `${shots}/keyboard-retry-dialog.png` });
  await auditor.keyboard.press('Escape');
  await auditor.waitForSelector('dialog', { state: 'detached' });
  const incidents = await api('POST', `/v2/process-instances/${broken}/incidents/search`, { page: { limit: 10 } });
  if (incidents.items.filter(i => i.state === 'ACTIVE').length !== 1) throw new Error('Escape resolved the incident');
});

await browser.close();
console.log(`the walkthrough took ${Math.round((Date.now() - startedAt) / 1000)} s`);
check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
process.exit(failures);
