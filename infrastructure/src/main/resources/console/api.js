// The API, as the console calls it: bearer token from the session, JSON both ways, and every
// refusal turned into an ApiError carrying the SPEC error body's code, message and field.
import config from './config.js';
import { current, end } from './session.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }

  /** The route is not deployed here yet (another part of the product is still being built). */
  get notAvailable() {
    return this.status === 404 && this.code === 'ROUTE_NOT_FOUND';
  }
}

/** The API's URL of a path with its query (empty values left out). */
export function url(path, query) {
  const base = (config.apiBase || '').replace(/\/$/, '');
  const target = new URL(base + path, window.location.origin);
  Object.entries(query || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  });
  return target;
}

/** Sends one request; answers the response and its text, or throws ApiError for anything but 2xx. */
async function send(method, target, { body, rawBody, contentType, accept, anonymous } = {}) {
  const headers = { Accept: accept || 'application/json' };
  const bearer = anonymous ? null : current()?.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (rawBody !== undefined) headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
  let response;
  try {
    response = await fetch(target, {
      method,
      headers,
      body: rawBody !== undefined ? rawBody : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('api.unreachable'));
  }
  const text = response.status === 204 ? '' : await response.text();
  if (response.ok) {
    return { response, text };
  }
  let error = {};
  try {
    error = JSON.parse(text).error || {};
  } catch {
    // not the SPEC body: described by the status below
  }
  if (response.status === 401 && !anonymous) {
    end();
    window.dispatchEvent(new CustomEvent('alliance:signed-out', { detail: t('api.sessionEnded') }));
  }
  throw new ApiError(response.status, error.code || `HTTP_${response.status}`,
    error.message || t('api.answered', { status: response.status }), error.field);
}

/**
 * Calls the API. Answers the parsed JSON body (null for 204), or the text for a non-JSON answer
 * such as CSV; throws ApiError for anything but 2xx.
 */
export async function call(method, path, { query, ...options } = {}) {
  const { response, text } = await send(method, url(path, query), options);
  if (!text) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? JSON.parse(text) : text;
}

/**
 * A GET of a whole URL (one the API named, e.g. a CSV export's next part) with its answer's headers: the text, the
 * headers, and the URL it came from; throws ApiError as {@link call} does.
 */
export async function getWithHeaders(target, accept) {
  const { response, text } = await send('GET', target, { accept });
  return { text, headers: response.headers, url: response.url || String(target) };
}

export const get = (path, query) => call('GET', path, { query });
export const post = (path, body) => call('POST', path, { body: body ?? {} });
export const patch = (path, body) => call('PATCH', path, { body });
export const del = (path) => call('DELETE', path);

/** The local runtime's own routes (/dev/...): absent in AWS, where they answer 404. */
export async function dev(method, path, body) {
  return call(method, path, { body, anonymous: true });
}
