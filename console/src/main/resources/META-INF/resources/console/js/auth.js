// Signing in like any other client: the name and password are checked by calling the API with them.
import { request, ApiError } from './http.js';
import { basicOf, remember } from './session.js';

/**
 * Checks the credentials and finds the role. dmflow has no "who am I" call, so the role is read from the answers:
 * only an admin may read /api/users/{name}; an operator's empty task submission is refused as invalid (400), a
 * viewer's as not allowed (403), and nothing is submitted either way.
 */
export async function signIn(user, password) {
  const basic = basicOf(user, password);
  await request('GET', '/api/devices?size=1', { basic });
  let role = 'viewer';
  if (await answers(() => request('GET', `/api/users/${encodeURIComponent(user)}`, { basic }))) {
    role = 'admin';
  } else if (await answers(() => request('POST', '/api/tasks', { basic, json: {} }), 400)) {
    role = 'operator';
  }
  remember(user, basic, role);
  return role;
}

async function answers(call, acceptedStatus) {
  try {
    await call();
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return false;
    if (e instanceof ApiError && e.status === acceptedStatus) return true;
    throw e;
  }
}
