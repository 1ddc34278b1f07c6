// The administration REST API (protocol.md, "Moderation"), for a server administrator's session
// token (`{ token }` in the options): others get `forbidden` (403), a bad token `auth_failed`
// (401). Each change goes to the audit log.

import { requestJson } from './rest.js';

const named = (name) => encodeURIComponent(String(name));
const query = (fields) => {
  const given = Object.entries(fields).filter(([, value]) => value != null && value !== '' && value !== false);
  return given.length ? `?${new URLSearchParams(given.map(([k, v]) => [k, String(v)]))}` : '';
};

/** `GET /api/admin/admins`: `{ admins: [names] }`, configured and named. */
export const listAdmins = (options) => requestJson('GET', '/api/admin/admins', undefined, options);

/** `PUT /api/admin/admins/{name}`: the account becomes an administrator (`not_found`: no such account). */
export const nameAdmin = (name, options) => requestJson('PUT', `/api/admin/admins/${named(name)}`, undefined, options);

/** `DELETE /api/admin/admins/{name}`: no longer one (409 for one named in the configuration). */
export const removeAdmin = (name, options) => requestJson('DELETE', `/api/admin/admins/${named(name)}`, undefined, options);

/** `POST /api/admin/accounts/{name}/disable`: its sessions end, its connections close; it cannot log in. */
export const disableAccount = (name, reason, options) =>
  requestJson('POST', `/api/admin/accounts/${named(name)}/disable`, reason ? { reason } : {}, options);

/** `POST /api/admin/accounts/{name}/enable` (`not_found` when it is not disabled). */
export const enableAccount = (name, options) =>
  requestJson('POST', `/api/admin/accounts/${named(name)}/enable`, {}, options);

/** `GET /api/admin/audit`: `{ items, next }`, newest first; `next` is the `before` of the next page. */
export const auditPage = ({ before, limit } = {}, options) =>
  requestJson('GET', `/api/admin/audit${query({ before, limit })}`, undefined, options);

/** `GET /api/admin/reports`: `{ items, next }`, open reports newest first (`all`: resolved ones too). */
export const reportsPage = ({ all, before, limit } = {}, options) =>
  requestJson('GET', `/api/admin/reports${query({ all, before, limit })}`, undefined, options);

/** `POST /api/admin/reports/{id}/resolve`: closes an open report with a `resolution` text. */
export const resolveReport = (id, resolution, options) =>
  requestJson('POST', `/api/admin/reports/${named(id)}/resolve`, { resolution }, options);
