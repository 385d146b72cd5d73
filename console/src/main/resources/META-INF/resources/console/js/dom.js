// Building the page from data: every text goes in through textContent, never as HTML.

/** h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

export function time(instant) {
  if (!instant) return h('span', { class: 'muted' }, '—');
  const at = new Date(instant);
  return h('time', { datetime: at.toISOString(), title: at.toLocaleString() }, ago(at));
}

export function ago(at) {
  const seconds = Math.round((Date.now() - at.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 86400
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min` : `${Math.floor(s / 86400)} d`;
  return future ? `in ${text}` : `${text} ago`;
}

/** A state, status or type as a coloured label; the class is the lowercase value. */
export function badge(value) {
  const text = value ?? '—';
  return h('span', { class: `badge b-${String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }, text);
}

/** columns: [{title, cell: row => node|string}] */
export function table(columns, rows, empty = 'Nothing to show.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.title)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', {}, c.cell(row))))))));
}

/** Asks before something that cannot be taken back; resolves to true when confirmed. */
export function confirmAction(question, detail, action = 'Confirm') {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, question),
        detail ? h('p', {}, detail) : null,
        h('div', { class: 'actions' },
          h('button', { value: 'cancel', type: 'submit' }, 'Cancel'),
          h('button', { value: 'ok', type: 'submit', class: 'danger' }, action))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A dialog with a form; resolves to the form's values, or null when cancelled. */
export function formDialog(title, fields, action = 'Save') {
  return new Promise(resolve => {
    const form = h('form', { method: 'dialog' }, h('h2', {}, title), fields,
      h('div', { class: 'actions' },
        h('button', { value: 'cancel', type: 'submit', formnovalidate: true }, 'Cancel'),
        h('button', { value: 'ok', type: 'submit', class: 'primary' }, action)));
    const dialog = h('dialog', { class: 'form-dialog' }, form);
    dialog.addEventListener('close', () => {
      const values = dialog.returnValue === 'ok' ? Object.fromEntries(new FormData(form)) : null;
      dialog.remove();
      resolve(values);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function dialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}

/** A short message in the status line at the bottom. */
export function notify(text, kind = 'info') {
  const status = document.getElementById('status');
  status.className = `status ${kind}`;
  status.textContent = text;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { status.textContent = ''; status.className = 'status'; }, 6000);
}

/** A problem+json error as text: its detail, the field it names, and each of its errors. */
export function problemText(error) {
  const problem = error?.problem;
  if (!problem) return String(error?.message ?? error);
  const parts = [problem.title ? `${problem.title}: ${problem.detail ?? ''}` : problem.detail ?? `HTTP ${error.status}`];
  if (problem.parameter) parts.push(`(${problem.parameter})`);
  return parts.join(' ');
}

/** Previous / next for a page of {items, page, size, totalItems, totalPages}. */
export function pager(result, go) {
  if (!result || result.totalPages <= 1) return h('p', { class: 'muted small' }, `${result?.totalItems ?? 0} in all`);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: result.page <= 0, onclick: () => go(result.page - 1) }, '‹ Previous'),
    h('span', {}, `page ${result.page + 1} of ${result.totalPages} (${result.totalItems} in all)`),
    h('button', { type: 'button', disabled: result.page + 1 >= result.totalPages, onclick: () => go(result.page + 1) },
      'Next ›'));
}

export function keyValues(entries) {
  return h('dl', { class: 'kv' }, entries.filter(([, v]) => v !== undefined).map(([k, v]) =>
    [h('dt', {}, k), h('dd', {}, v === null || v === '' ? h('span', { class: 'muted' }, '—') : v)]));
}
