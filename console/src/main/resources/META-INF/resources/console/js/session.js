// Who is signed in. Kept in sessionStorage only: it ends with the browser tab, and is never written to disk by us.

const KEY = 'dmflow.console.session';
const ROLES = ['viewer', 'operator', 'admin'];
const listeners = new Set();

/** {user, basic, role} or null */
export function current() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function remember(user, basic, role) {
  sessionStorage.setItem(KEY, JSON.stringify({ user, basic, role }));
}

/** Forgets the credentials and tells the application to show the login again. */
export function forget(reason) {
  sessionStorage.removeItem(KEY);
  listeners.forEach(listener => listener(reason));
}

export function onForget(listener) {
  listeners.add(listener);
}

/** Whether the signed-in role includes the given one (roles include the ones before them). */
export function may(role) {
  const session = current();
  return session !== null && ROLES.indexOf(session.role) >= ROLES.indexOf(role);
}

/** user:password as HTTP Basic wants it: base64 of the UTF-8 bytes. */
export function basicOf(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return btoa(binary);
}
