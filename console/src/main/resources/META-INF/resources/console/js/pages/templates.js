// Templates and user processes: the template's XML beside the BPMN it compiles to, compile errors at their line
// and column; a user process's diagram.
import { h, show, time, table, pager, keyValues, notify, problemText } from '../dom.js';
import { get, request, query } from '../http.js';
import { may } from '../session.js';
import { diagramPanel } from '../diagram.js';

const XML = 'application/xml, application/problem+json';
const EMPTY_TEMPLATE = '<config>\n  <get key="/3/0/3" output="firmwareVersion"/>\n  <log message="firmware ${#firmwareVersion}"/>\n</config>\n';

export function list(container) {
  let templatePage = 0;
  let processPage = 0;
  const templates = h('section', {});
  const processes = h('section', {});
  const name = h('input', { id: 'new-template', required: true, pattern: '[A-Za-z0-9_.-]+', placeholder: 'e.g. set-timezone' });
  const create = h('form', { class: 'filters' }, h('label', { for: 'new-template' }, 'New template'), name,
    h('button', { type: 'submit' }, 'Open the editor'));
  create.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `#/templates/${encodeURIComponent(name.value.trim())}`;
  });
  show(container, h('h1', {}, 'Templates and processes'), may('admin') ? create : null, templates, processes);

  async function refresh() {
    const [t, p] = await Promise.all([get(`/api/templates${query({ page: templatePage, size: 50 })}`),
      get(`/api/processes${query({ page: processPage, size: 50 })}`)]);
    show(templates, h('h2', {}, 'Templates'), table([
      { title: 'Name', cell: x => h('a', { href: `#/templates/${encodeURIComponent(x.name)}` }, x.name) },
      { title: 'Process id', cell: x => h('code', {}, x.processId) },
      { title: 'Version', cell: x => String(x.version) },
      { title: 'Saved', cell: x => [time(x.updatedAt), x.updatedBy ? ` by ${x.updatedBy}` : ''] },
    ], t.items, 'No template yet.'), pager(t, n => { templatePage = n; refresh(); }));
    show(processes, h('h2', {}, 'User processes (BPMN)'), table([
      { title: 'Id', cell: x => h('a', { href: `#/processes/${encodeURIComponent(x.id)}` }, x.id) },
      { title: 'Version', cell: x => String(x.version) },
      { title: 'Deployed', cell: x => time(x.updatedAt) },
    ], p.items, 'No user process.'), pager(p, n => { processPage = n; refresh(); }));
  }
  return { refresh };
}

/** Where line and column (1-based) are in the text, as an offset. */
function offsetOf(text, line, column) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
  return offset + Math.max(0, (column ?? 1) - 1);
}

export function one(container, [rawName]) {
  const name = decodeURIComponent(rawName);
  const path = `/api/templates/${encodeURIComponent(name)}`;
  const editor = h('textarea', { id: 'template-xml', class: 'xml', spellcheck: 'false', rows: 28, readonly: !may('admin') });
  const facts = h('div', { class: 'small muted' });
  const errors = h('div', { role: 'alert' });
  const { panel, diagram, note } = diagramPanel();
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save and deploy');
  const form = h('form', { class: 'editor', 'aria-label': `Template ${name}` },
    h('label', { for: 'template-xml' }, 'Template XML (the task language)'), editor,
    may('admin') ? h('div', { class: 'actions' }, save) : h('p', { class: 'muted small' }, 'Saving templates needs the admin role.'),
    errors);
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/templates' }, 'Templates'), ' / ', name),
    h('h1', {}, name), facts, h('div', { class: 'side-by-side' }, form, h('div', {}, h('h2', {}, 'Compiled BPMN'), panel)));

  function describe(template) {
    show(facts, template ? `process ${template.processId}, version ${template.version}, saved ` : 'not saved yet',
      template ? time(template.updatedAt) : '', template?.updatedBy ? ` by ${template.updatedBy}` : '');
  }

  async function drawCompiled() {
    try {
      const warnings = await diagram.draw(await get(`${path}/bpmn`, { accept: XML }));
      note.textContent = warnings.length ? `${warnings.length} drawing warning(s): ${warnings[0].message}` : '';
    } catch (e) {
      note.textContent = e?.status === 404 ? 'Not compiled yet: save the template.' : problemText(e);
    }
  }


  form.addEventListener('submit', async event => {
    event.preventDefault();
    errors.replaceChildren();
    try {
      const saved = await request('PUT', path, { text: editor.value, contentType: 'application/xml' });
      describe(saved);
      notify(`Saved: version ${saved.version} deployed.`);
      if (saved.warnings?.length) show(errors, h('ul', { class: 'warnings' }, saved.warnings.map(w => h('li', {}, w))));
      await drawCompiled();
    } catch (e) {
      const list = e?.problem?.errors ?? [];
      show(errors, h('p', { class: 'error' }, problemText(e)), h('ol', { class: 'compile-errors' }, list.map(err =>
        h('li', {}, err.line ? h('button', { type: 'button', class: 'link', onclick: () => {
          const start = offsetOf(editor.value, err.line, err.column);
          editor.focus();
          editor.setSelectionRange(start, Math.max(start + 1, offsetOf(editor.value, err.line + 1, 1) - 1));
        } }, `line ${err.line}, column ${err.column ?? '?'}`) : null, err.line ? ': ' : '', err.detail))));
    }
  });

  let typed = false;
  editor.addEventListener('input', () => { typed = true; });
  let loaded = false;
  async function refresh() {
    // Loaded once: a refresh must not overwrite what is being typed.
    if (loaded) return;
    loaded = true;
    // A new template is told from the list, not from a 404, which the browser would log as an error.
    const template = (await get('/api/templates?size=1000')).items.find(t => t.name === name);
    describe(template);
    const xml = template ? await get(path, { accept: XML }) : EMPTY_TEMPLATE;
    if (!typed) editor.value = xml;
    if (template) await drawCompiled();
    else note.textContent = 'Not compiled yet: save the template.';
    form.dataset.loaded = 'true';
  }
  return { refresh, unmount: () => diagram.destroy() };
}

export function process(container, [rawId]) {
  const id = decodeURIComponent(rawId);
  const { panel, diagram, note } = diagramPanel();
  const facts = h('div', {});
  show(container, h('p', { class: 'crumbs' }, h('a', { href: '#/templates' }, 'Templates and processes'), ' / ', id),
    h('h1', {}, id), facts, panel);
  let loaded = false;
  async function refresh() {
    if (loaded) return;
    loaded = true;
    const [bpmn, page] = await Promise.all([get(`/api/processes/${encodeURIComponent(id)}`, { accept: XML }),
      get('/api/processes?size=1000')]);
    const p = page.items.find(x => x.id === id);
    if (p) show(facts, keyValues([['Version', String(p.version)], ['Deployed', time(p.updatedAt)],
      ['Definition key', String(p.processDefinitionKey)]]));
    const warnings = await diagram.draw(bpmn);
    note.textContent = warnings.length ? `${warnings.length} drawing warning(s)` : '';
  }
  return { refresh, unmount: () => diagram.destroy() };
}
