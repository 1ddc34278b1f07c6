// Unit tests of the client's moderation requests (the frames they send) and its administration
// REST helpers (method, path, bearer token, body; errors as MajlisError), without a server.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MajlisClient, auditPage, disableAccount, enableAccount, listAdmins, nameAdmin, removeAdmin, reportsPage, resolveReport,
} from '../../../main/resources/META-INF/resources/majlis-client.js';

/** A client whose requests are recorded and acknowledged. */
function recordingClient() {
  const client = new MajlisClient({ url: 'ws://chat.test/ws', WebSocket: class {} });
  const sent = [];
  client.request = (type, payload) => {
    sent.push([type, payload]);
    return Promise.resolve({ ref: `c${sent.length}` });
  };
  return { client, sent };
}

/** A fetch that records the request and answers with `status` and `body` (none for 204). */
function fakeFetch(status, body) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, method: init.method, headers: init.headers, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: new Map(),
      json: async () => {
        if (body === undefined) throw new SyntaxError('no body');
        return body;
      },
    };
  };
  return { fetchImpl, calls };
}

describe('the client\'s moderation', () => {
  test('each request sends its frame; an empty reason is left out', async () => {
    const { client, sent } = recordingClient();
    await client.removeMessage('m_1', '');
    await client.removeMessage('m_2', 'spam');
    await client.kick('tea', 'omar');
    await client.ban('tea', 'omar', 'again');
    await client.unban('tea', 'omar');
    await client.mute('tea', 'omar', 60, 'flood');
    await client.unmute('tea', 'omar');
    await client.setModerator('tea', 'sara', true);
    await client.setModerator('tea', 'sara', false);
    await client.updateRoom('tea', { topic: '' });
    await client.updateRoom('tea', { readOnly: true });
    await client.deleteRoom('tea');
    assert.deepEqual(await client.report('m_3', 'rude'), { ref: 'c13' }, 'resolves with the ack');
    assert.deepEqual(sent, [
      ['remove_message', { messageId: 'm_1' }],
      ['remove_message', { messageId: 'm_2', reason: 'spam' }],
      ['kick', { room: 'tea', username: 'omar' }],
      ['ban', { room: 'tea', username: 'omar', reason: 'again' }],
      ['unban', { room: 'tea', username: 'omar' }],
      ['mute', { room: 'tea', username: 'omar', minutes: 60, reason: 'flood' }],
      ['unmute', { room: 'tea', username: 'omar' }],
      ['set_moderator', { room: 'tea', username: 'sara', moderator: true }],
      ['set_moderator', { room: 'tea', username: 'sara', moderator: false }],
      ['update_room', { room: 'tea', topic: '' }],
      ['update_room', { room: 'tea', readOnly: true }],
      ['delete_room', { room: 'tea' }],
      ['report', { messageId: 'm_3', reason: 'rude' }],
    ]);
  });

  test('the administration helpers send the bearer token to /api/admin', async () => {
    const ok = fakeFetch(200, { admins: ['boss'] });
    const options = { token: 'tok', fetchImpl: ok.fetchImpl, base: 'http://chat.test' };
    assert.deepEqual(await listAdmins(options), { admins: ['boss'] });
    await auditPage({ before: 41, limit: 20 }, options);
    await reportsPage({ all: true }, options);
    await reportsPage({}, options);
    assert.deepEqual(ok.calls.map((c) => [c.method, c.url, c.headers.Authorization]), [
      ['GET', 'http://chat.test/api/admin/admins', 'Bearer tok'],
      ['GET', 'http://chat.test/api/admin/audit?before=41&limit=20', 'Bearer tok'],
      ['GET', 'http://chat.test/api/admin/reports?all=true', 'Bearer tok'],
      ['GET', 'http://chat.test/api/admin/reports', 'Bearer tok'],
    ]);

    const done = fakeFetch(204);
    const noContent = { token: 'tok', fetchImpl: done.fetchImpl, base: 'http://chat.test' };
    assert.deepEqual(await nameAdmin('ليلى', noContent), {});
    await removeAdmin('omar', noContent);
    await disableAccount('omar', 'spam', noContent);
    await disableAccount('omar', undefined, noContent);
    await enableAccount('omar', noContent);
    await resolveReport('r 1', 'warned', noContent);
    assert.deepEqual(done.calls.map((c) => [c.method, c.url, c.body]), [
      ['PUT', `http://chat.test/api/admin/admins/${encodeURIComponent('ليلى')}`, undefined],
      ['DELETE', 'http://chat.test/api/admin/admins/omar', undefined],
      ['POST', 'http://chat.test/api/admin/accounts/omar/disable', { reason: 'spam' }],
      ['POST', 'http://chat.test/api/admin/accounts/omar/disable', {}],
      ['POST', 'http://chat.test/api/admin/accounts/omar/enable', {}],
      ['POST', 'http://chat.test/api/admin/reports/r%201/resolve', { resolution: 'warned' }],
    ]);
  });

  test('refusals reject with the body\'s code, or one for the status', async () => {
    const forbidden = fakeFetch(403, { code: 'forbidden', message: 'administrators only' });
    await assert.rejects(listAdmins({ fetchImpl: forbidden.fetchImpl }),
      (e) => e.code === 'forbidden' && e.payload.status === 403 && e.message === 'administrators only');
    const missing = fakeFetch(404);
    await assert.rejects(enableAccount('nobody', { fetchImpl: missing.fetchImpl }), (e) => e.code === 'not_found');
    assert.equal(missing.calls[0].url, '/api/admin/accounts/nobody/enable');
  });
});
