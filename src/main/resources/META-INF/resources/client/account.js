// An account's own settings over REST (protocol.md "Accounts" and "Profiles"): the profile
// (display name, status text, avatar), the password, and the account's sessions. Every call
// takes `{ token }`, the bearer token of the session, and rejects with a MajlisError.

import { requestJson } from './rest.js';

const encoded = (name) => encodeURIComponent(String(name));

/** `GET /api/users/{name}/profile`: `{ username, displayName, statusText, avatarUrl }` (null when
 *  unset); `not_found` (404) when no account has the name (guests have no profile). */
export function getProfile(name, options) {
  return requestJson('GET', `/api/users/${encoded(name)}/profile`, undefined, options);
}

/** `PUT /api/profile`: both texts replace the old ones (empty or null clears); resolves with the profile. */
export function updateProfile({ displayName = null, statusText = null }, options) {
  return requestJson('PUT', '/api/profile', { displayName, statusText }, options);
}

/** `PUT /api/profile/avatar` with the picture (PNG, JPEG or GIF, at most 2 MiB); resolves with the profile. */
export function uploadAvatar(picture, options) {
  return requestJson('PUT', '/api/profile/avatar', picture, options);
}

/** `DELETE /api/profile/avatar`; resolves with the profile. */
export function removeAvatar(options) {
  return requestJson('DELETE', '/api/profile/avatar', undefined, options);
}

/** `PUT /api/auth/password`: `auth_failed` (403) for a wrong current password. The account's other sessions end. */
export function changePassword(password, newPassword, options) {
  return requestJson('PUT', '/api/auth/password', { password, newPassword }, options);
}

/** `DELETE /api/sessions`: every session of the account ends, this one too; resolves with `{ ended }`. */
export function signOutEverywhere(options) {
  return requestJson('DELETE', '/api/sessions', undefined, options);
}

/** `GET /api/sessions`: `{ sessions: [{ id, current, guest, createdAt, lastUsedAt, expiresAt }] }`, the most recently used first. */
export function listSessions(options) {
  return requestJson('GET', '/api/sessions', undefined, options);
}

/** `DELETE /api/sessions/{id}`: that session ends on every node; `not_found` (404) when it is not a live one of yours. */
export function revokeSession(id, options) {
  return requestJson('DELETE', `/api/sessions/${encoded(id)}`, undefined, options);
}
