// The console's frame: login, navigation by the URL's hash, and the live refresh of the page shown.
import { h, show, notify, dialogOpen, problemText } from './dom.js';
import { current, forget, onForget } from './session.js';
import { signIn, recheck } from './auth.js';
import { live } from './live.js';
import * as devices from './pages/devices.js';
import * as tasks from './pages/tasks.js';
import * as templates from './pages/templates.js';
import * as flows from './pages/flows.js';

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
const liveState = document.getElementById('live-state');
const liveToggle = document.getElementById('live-toggle');
let page = null;
let failing = false;

function route(event) {
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
    // Followed a link or typed an address: keyboard and screen reader users start at the new page, not at the link.
    if (event) main.focus({ preventScroll: true });
    updates.now();
    return;
  }
  show(main, h('p', {}, 'There is no such page. ', h('a', { href: '#/devices' }, 'Devices')));
}

/** The page shown, refreshed; a page left meanwhile or an ended session is no failure of the refresh. */
async function refresh() {
  const shown = page;
  if (!shown?.refresh) return;
  try {
    await shown.refresh();
    if (failing) notify('dmflow answers again.');
    failing = false;
  } catch (e) {
    if (e?.status === 401 || page !== shown) return;
    if (!failing) notify(problemText(e), 'error');
    failing = true;
    throw e;
  }
}

function reportLive(state, detail) {
  liveState.dataset.state = state;
  if (state === 'live') liveState.textContent = `Live · updated ${detail.toLocaleTimeString()}`;
  else if (state === 'retrying') liveState.textContent = `Refresh failed · retrying in ${Math.round(detail / 1000)} s`;
  else if (state === 'paused') liveState.textContent = `Updates paused (${detail})`;
  liveToggle.textContent = updates.held ? 'Resume updates' : 'Pause updates';
  liveToggle.setAttribute('aria-pressed', String(updates.held));
}

const updates = live(refresh, reportLive, { blocked: dialogOpen });

function signedIn() {
  const session = current();
  document.getElementById('nav').hidden = !session;
  document.getElementById('who').hidden = !session;
  document.getElementById('live').hidden = !session;
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
liveToggle.addEventListener('click', () => updates.hold(!updates.held));
// The address says which page is shown (#/devices): the skip link moves the focus, not the address.
document.getElementById('skip').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);

signedIn();
route();
// A session kept from before a reload: its role is read again, and the page redrawn if it changed.
if (current()) {
  const before = current().role;
  // A failure other than 401 (which signs out) shows on the page's own refresh, which asks the same dmflow.
  recheck().then(role => { if (role && role !== before) { signedIn(); route(); } }).catch(() => {});
}
