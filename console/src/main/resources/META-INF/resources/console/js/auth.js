// Signing in like any other client: the name and password are checked by calling the API with them.
import { request } from './http.js';
import { basicOf, current, remember } from './session.js';

/** Checks the credentials with GET /api/whoami, which also answers the name dmflow knows and the role. */
export async function signIn(user, password) {
  const basic = basicOf(user, password);
  const me = await request('GET', '/api/whoami', { basic });
  remember(me.name, basic, me.role);
  return me.role;
}

/**
 * Reads the signed-in user's role again: an admin may have changed it since the sign-in, and the pages offer what
 * the role may do. A 401 ends the session (js/http.js).
 */
export async function recheck() {
  const session = current();
  if (!session) return null;
  const me = await request('GET', '/api/whoami');
  if (me.role !== session.role || me.name !== session.user) remember(me.name, session.basic, me.role);
  return me.role;
}
