// The console in headless Chromium, driven by playwright-core, against a running dmflow:
//   node console-walkthrough.mjs <base URL> <admin user> <password> <device endpoint> <screenshot folder>
// Run by the api module's ConsoleBrowserTest. It signs in, raises an incident in a flow of its own, sees it red on
// the diagram, edits a variable and retries from the page and sees the flow complete; it shows a template's compile
// error at its line and the compiled diagram, submits the template to the device from the form, follows the device's
// history into the flow instance, looks at every page at 1280x800 and at a phone's width, and has axe-core audit
// each page for accessibility. Every step prints
// "ok" or "FAIL"; the exit code is the number of failures.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [base, user, password, endpoint, shots] = process.argv.slice(2);
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

// A flow of one service task that nobody works on but this script, drawn with diagram interchange.
const id = `walkthrough_${Date.now()}`;
const jobType = `console-walkthrough.${id}`;
await api('PUT', `/api/processes/${id}`, `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="http://dmflow.io/test">
  <process id="${id}" name="Walkthrough" isExecutable="true">
    <startEvent id="start"/><sequenceFlow id="toStep" sourceRef="start" targetRef="step"/>
    <serviceTask id="step" name="Step"><extensionElements><zeebe:taskDefinition type="${jobType}"/></extensionElements></serviceTask>
    <sequenceFlow id="toEnd" sourceRef="step" targetRef="end"/><endEvent id="end"/>
  </process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${id}">
    <bpmndi:BPMNShape id="startShape" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="stepShape" bpmnElement="step"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="endShape" bpmnElement="end"><dc:Bounds x="360" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="toStepEdge" bpmnElement="toStep"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="toEndEdge" bpmnElement="toEnd"><di:waypoint x="300" y="118"/><di:waypoint x="360" y="118"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>`, 'application/xml');
const { processInstanceKey: key } = await api('POST', '/v2/process-instances', { processDefinitionId: id, variables: { note: 'as started' } });
const activate = async () => (await api('POST', '/v2/jobs/activation',
  { type: jobType, worker: 'walkthrough', timeout: 60000, maxJobsToActivate: 1, requestTimeout: 10000 })).jobs[0];
const job = await activate();
await api('POST', `/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: 'device said no' });

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const errors = [];
/** Statuses of refusals a step asks for: Chromium logs every refused request as an error. */
const expected = [];
function watch(page, name) {
  page.on('console', m => {
    if (m.type() !== 'error') return;
    const refusal = expected.findIndex(status => m.text().includes(`status of ${status}`));
    if (refusal >= 0) { expected.splice(refusal, 1); return; }
    errors.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', e => errors.push(`${name}: ${e.message}`));
  page.on('dialog', d => { errors.push(`${name}: a browser dialog opened: ${d.message()}`); d.dismiss(); });
}
async function signIn(page) {
  await page.goto(`${base}/console/`);
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
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
await step('the template is submitted to the device from the form, and the task page sees it succeed', async () => {
  await page.goto(`${base}/console/#/tasks`);
  await page.waitForSelector(`#submit-definition option[value="${template}"]`, { state: 'attached' });
  await page.selectOption('#submit-definition', template);
  await page.fill('#submit-target', endpoint);
  await page.click('form.submit button[type=submit]');
  await page.waitForSelector('td .badge:text-is("SUCCESS")', { timeout: 30000 });
  await page.waitForSelector('text=100 % succeeded');
  await page.screenshot({ path: `${shots}/task.png`, fullPage: true });
});
await step('the device\'s history opens the flow instance it ran', async () => {
  await page.goto(`${base}/console/#/devices/${endpoint}`);
  await page.click(`.timeline li:has-text("${template}") >> text=open its flow instance`);
  await page.waitForSelector('.djs-element.dm-completed');
  await page.waitForSelector(`.kv a:text-is("${endpoint}")`);
  await page.screenshot({ path: `${shots}/device-instance.png`, fullPage: true });
});
await step('signing out brings the login back', async () => {
  await page.click('#sign-out');
  await page.waitForSelector('#login-user');
});

const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
watch(phone, '390');
await signIn(phone);
for (const [hash, ready] of [['#/devices', `a:text-is("${endpoint}")`], [`#/devices/${endpoint}`, '.timeline li'],
  ['#/tasks', 'td'], ['#/templates', 'td'], ['#/flows', 'td'], [`#/flows/instances/${key}`, '.djs-shape']]) {
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
for (const [hash, ready] of [['#/devices', `a:text-is("${endpoint}")`], [`#/devices/${endpoint}`, '.timeline li'],
  ['#/tasks', 'td'], ['#/templates', 'td'], [`#/templates/${template}`, '.diagram .djs-shape'], ['#/flows', 'td'],
  [`#/flows/instances?process=${id}`, 'td'], [`#/flows/instances/${key}`, '.djs-shape']]) {
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

await browser.close();
check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
process.exit(failures);
