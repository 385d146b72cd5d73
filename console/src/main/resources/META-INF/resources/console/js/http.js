// Every call of the console goes through here: HTTP Basic from the session, problem+json errors as ApiError.
import { current, forget } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @param options {json} a body sent as JSON, or {text, contentType}; {basic} other credentials than the session's;
 *                {accept} the media type wanted
 */
export async function request(method, path, options = {}) {
  const headers = { Accept: options.accept ?? 'application/json, application/problem+json' };
  const basic = options.basic ?? current()?.basic;
  if (basic) headers.Authorization = `Basic ${basic}`;
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain';
    body = options.text;
  }
  // credentials 'omit': the Authorization header is ours alone, and a 401 does not open the browser's own login dialog.
  const response = await fetch(path, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    if (response.status === 401 && !options.basic) forget('Your session ended: sign in again.');
    throw error;
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

async function problemOf(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { status: response.status, title: response.statusText, detail: text || `HTTP ${response.status}` };
  }
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, json) => request('POST', path, { json: json ?? {} });

/** A /v2 search: {filter, sort, page} in, {items, page: {totalItems}} out. */
export function search(resource, filter = {}, { sort, limit = 100, from = 0 } = {}) {
  return post(`/v2/${resource}/search`, { filter, sort, page: { limit, from } });
}

/** Query strings without empty values. */
export function query(parameters) {
  const entries = Object.entries(parameters).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}
