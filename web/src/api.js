// REST client: every request carries the bearer token; errors are ApiError with the
// server's {error, detail}. A 401 calls the handler set with on_unauthorized (back to login).
import { get_token } from './auth.js';

/// An HTTP error answer of the API.
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(`${status} ${code}${detail ? ': ' + detail : ''}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

let unauthorized_handler = () => {};

/// Sets what happens when the server answers 401.
export function on_unauthorized(handler) {
  unauthorized_handler = handler;
}

/// Sends a request to the API and returns the parsed JSON answer (null for an empty body).
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${get_token()}` };
  const init = { method, headers, signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', String(error.message || error));
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: 'bad_json', detail: text.slice(0, 200) };
    }
  }
  if (!response.ok) {
    if (response.status === 401) unauthorized_handler();
    throw new ApiError(response.status, parsed?.error || response.statusText, parsed?.detail || '');
  }
  return parsed;
}

/// The same for a GET with query parameters (undefined values left out).
export function api_get(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const suffix = params.toString();
  return api(suffix ? `${path}?${suffix}` : path);
}
