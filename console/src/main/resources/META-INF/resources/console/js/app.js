// The console's frame: login, navigation by the URL's hash, and the live refresh of the page shown.
import { h, show, notify, dialogOpen, problemText } from './dom.js';
import { current, forget, onForget } from './session.js';
import { signIn } from './auth.js';
import * as devices from './pages/devices.js';
import * as tasks from './pages/tasks.js';
import * as templates from './pages/templates.js';
import * as flows from './pages/flows.js';

/** How often the page shown asks for what changed: flows move on in seconds. */
const REFRESH_MS = 2500;

/** [pattern of the hash, page module, section in the navigation] */
const ROUTES = [
  [/^#\/devices\/?$/, devices.list, 'devices'],
  [/^#\/devices\/(.+)$/, devices.one, 'devices'],
  [/^#\/executions\/(.+)$/, tasks.execution, 'tasks'],
  [/^#\/tasks\/?$/, tasks.list, 'tasks'],
  [/^#\/tasks\/(.+)$/, tasks.one, 'tasks'],
  [/^#\/templates\/?$/, templates.list, 'templates'],
  [/^#\/templates\/(.+)$/, templates.one, 'templates'],
  [/^#\/processes\/(.+)$/, templates.process, 'templates'],
  [/^#\/flows\/?$/, flows.definitions, 'flows'],
  [/^#\/flows\/instances\/?(\?.*)?$/, flows.instances, 'flows'],
  [/^#\/flows\/instances\/(\d+)$/, flows.instance, 'flows'],
];

const main = document.getElementById('main');
let page = null;
let refreshing = false;

function route() {
  if (!current()) return login();
  page?.unmount?.();
  page = null;
  const hash = location.hash || '#/devices';
  for (const [pattern, mount, section] of ROUTES) {
    const match = hash.match(pattern);
    if (!match) continue;
    document.querySelectorAll('#nav a').forEach(a => {
      if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    const container = h('div', { class: 'page' });
    show(main, container);
    page = mount(container, match.slice(1));
    refresh();
    return;
  }
  show(main, h('p', {}, 'There is no such page. ', h('a', { href: '#/devices' }, 'Devices')));
}

async function refresh() {
  const shown = page;
  if (!shown?.refresh || refreshing) return;
  refreshing = true;
  try {
    await shown.refresh();
  } catch (e) {
    if (e?.status !== 401 && page === shown) notify(problemText(e), 'error');
  } finally {
    refreshing = false;
  }
}

function signedIn() {
  const session = current();
  document.getElementById('nav').hidden = !session;
  document.getElementById('who').hidden = !session;
  document.getElementById('who-name').textContent = session ? `${session.user} (${session.role})` : '';
}

function login(reason) {
  page?.unmount?.();
  page = null;
  signedIn();
  const error = h('p', { class: 'error', role: 'alert' }, reason ?? '');
  const user = h('input', { name: 'user', id: 'login-user', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in to dmflow'),
    h('label', { for: 'login-user' }, 'User name'), user,
    h('label', { for: 'login-password' }, 'Password'), password,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'), error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      await signIn(user.value.trim(), password.value);
      signedIn();
      route();
    } catch (e) {
      error.textContent = e?.status === 401 ? 'Wrong user name or password.' : problemText(e);
    }
  });
  show(main, form);
  user.focus();
}

onForget(reason => login(reason));
document.getElementById('sign-out').addEventListener('click', () => forget('Signed out.'));
window.addEventListener('hashchange', route);
setInterval(() => {
  // No refresh under an open dialog or while the tab is hidden: nobody is looking, and a form stays as typed.
  if (!document.hidden && !dialogOpen()) refresh();
}, REFRESH_MS);

signedIn();
route();
