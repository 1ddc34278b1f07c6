// The REST side of the protocol: accounts (register, sign in) and file uploads; client/account.js
// has the account's own settings, client/admin.js the administration, on top of requestJson.

import { MajlisError } from './common.js';

// ------------------------------------------------------------------ accounts (REST)

/**
 * A REST request answered in JSON: resolves with the body (`{}` for none, as a 204 has); rejects
 * with a MajlisError of the body's `code`. `body`: an object is sent as JSON, a Blob as it is
 * (with its own type), none for none; `token` adds `Authorization: Bearer`.
 */
export async function requestJson(method, path, body, { fetchImpl = globalThis.fetch, base, token } = {}) {
  const url = base ? new URL(path, base).href : path;
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const raw = typeof Blob !== 'undefined' && body instanceof Blob;
  if (raw) headers['Content-Type'] = body.type || 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetchImpl(url, {
      method,
      headers,
      body: raw ? body : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new MajlisError('disconnected', 'Cannot reach the server', { cause: String(e && e.message || e) });
  }
  let data = {};
  try {
    data = await res.json();
  } catch { /* no JSON body */ }
  if (!data || typeof data !== 'object') data = {};
  if (res.ok) return data;
  const retryAfter = Number(res.headers.get('Retry-After'));
  const retryAfterMs = Number.isFinite(data.retryAfterMs) ? data.retryAfterMs
    : Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
  const fallback = res.status === 401 ? 'auth_failed' : res.status === 429 ? 'rate_limited'
    : res.status === 409 ? 'username_taken' : res.status === 400 ? 'invalid_payload'
      : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'internal';
  throw new MajlisError(typeof data.code === 'string' ? data.code : fallback, data.message || `HTTP ${res.status}`,
    { ...data, status: res.status, retryAfterMs });
}

const postJson = (path, body, options) => requestJson('POST', path, body, options);

/** `POST /api/auth/register`: resolves on 201; rejects with a MajlisError whose `code` is
 *  `username_taken` (409), `username_invalid` or `invalid_payload` (400, a short password). */
export function registerAccount(username, password, options) {
  return requestJson('POST', '/api/auth/register', { username, password }, options);
}

/** `POST /api/auth/login`: resolves with `{ token, expiresAt, username }`; rejects with
 *  `auth_failed` (401) or `rate_limited` (429, `payload.retryAfterMs`). */
export function loginAccount(username, password, options) {
  return requestJson('POST', '/api/auth/login', { username, password }, options);
}

// ------------------------------------------------------------------ files (REST)

/** The MajlisError code for a failed upload's HTTP status. */
function uploadErrorCode(status) {
  if (status === 413) return 'file_too_large';
  if (status === 401) return 'auth_failed';
  if (status === 429) return 'rate_limited';
  if (status === 0) return 'disconnected';
  return 'upload_failed';
}

/**
 * `POST /api/files` (multipart field `file`) with XMLHttpRequest, which unlike fetch reports
 * upload progress. Resolves with `{ id, name, size, contentType, url }`; rejects with a
 * MajlisError: `file_too_large` (413), `auth_failed` (401), `disconnected`, `aborted` (the
 * `signal` fired) or `upload_failed` (`payload.status`).
 *
 * @param {Blob} file
 * @param {object} options
 * @param {string} options.token account or session token.
 * @param {(loaded: number, total: number) => void} [options.onProgress]
 * @param {AbortSignal} [options.signal]
 */
export function uploadFile(file, { token, onProgress, signal, XHR = globalThis.XMLHttpRequest } = {}) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new MajlisError('aborted', 'Upload cancelled'));
      return;
    }
    const xhr = new XHR();
    xhr.open('POST', '/api/files');
    xhr.responseType = 'json';
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = xhr.response && typeof xhr.response === 'object' ? xhr.response : {};
      if (xhr.status === 201 || xhr.status === 200) resolve(body);
      else reject(new MajlisError(uploadErrorCode(xhr.status), body.message || `HTTP ${xhr.status}`, { ...body, status: xhr.status }));
    };
    xhr.onerror = () => reject(new MajlisError('disconnected', 'Upload failed', { status: 0 }));
    xhr.onabort = () => reject(new MajlisError('aborted', 'Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name || 'file');
    xhr.send(form);
  });
}