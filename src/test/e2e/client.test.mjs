// Unit tests of majlis-client.js (the page's protocol client) with a fake WebSocket: no server,
// no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MajlisClient, backoffDelay, defaultUrl, mentions, uploadFile } from '../../main/resources/META-INF/resources/majlis-client.js';

class FakeSocket {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.instances.push(this);
    setTimeout(() => this.serverOpen(), 0);
  }

  serverOpen() {
    if (this.refuse) {
      this.serverClose(1006, 'refused');
      return;
    }
    this.readyState = 1;
    this.onopen?.();
  }

  send(data) {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = '') {
    this.serverClose(code, reason);
  }

  serverSend(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  serverClose(code = 1006, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  lastSent(type) {
    return [...this.sent].reverse().find((f) => f.type === type);
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function until(fn, timeout = 2000) {
  const deadline = Date.now() + timeout;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await tick(5);
  }
}

function newClient(options = {}) {
  FakeSocket.instances = [];
  return new MajlisClient({
    url: 'ws://chat.test/ws', WebSocket: FakeSocket, backoff: { initialMs: 10, maxMs: 80, jitter: 0.25 }, ...options,
  });
}

async function loggedInClient(name = 'sara') {
  const client = newClient();
  const welcome = client.login(name);
  await until(() => FakeSocket.instances[0]?.lastSent('login'));
  const ws = FakeSocket.instances[0];
  ws.serverSend({ type: 'welcome', payload: { username: name, token: 'tok1', users: [], rooms: [], directs: [] } });
  await welcome;
  return { client, ws };
}

describe('majlis-client', { timeout: 20_000 }, () => {
  test('builds ws:// and wss:// URLs from the page location', () => {
    assert.equal(defaultUrl({ href: 'http://localhost:8080/index.html' }), 'ws://localhost:8080/ws');
    assert.equal(defaultUrl({ href: 'https://chat.example/a/b?c' }), 'wss://chat.example/ws');
  });

  test('backoff starts at 1 s, doubles, stays under 30 s, with jitter', () => {
    const mid = () => 0.5;
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map((a) => backoffDelay(a, undefined, mid)),
      [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const low = backoffDelay(2, undefined, () => 0);
    const high = backoffDelay(2, undefined, () => 0.999);
    assert.ok(low < 4000 && low >= 3000, String(low));
    assert.ok(high > 4000 && high <= 5000, String(high));
    assert.ok(backoffDelay(10, undefined, () => 0.999) <= 30000);
  });

  test('login resolves with the welcome and sends a login frame', async () => {
    const { client, ws } = await loggedInClient('أحمد');
    assert.deepEqual(ws.lastSent('login').payload, { username: 'أحمد' });
    assert.equal(client.user, 'أحمد');
    assert.equal(client.state, 'open');
    assert.equal(client.loggedIn, true);
    client.close();
  });

  test('a login error rejects the login, with or without ref', async () => {
    const client = newClient();
    const first = client.login('sara');
    await until(() => FakeSocket.instances[0]?.lastSent('login'));
    const ws = FakeSocket.instances[0];
    ws.serverSend({ type: 'error', payload: { code: 'username_taken', message: 'taken', ref: ws.lastSent('login').id } });
    await assert.rejects(first, (e) => e.code === 'username_taken');
    const second = client.login('bad name');
    await until(() => ws.sent.filter((f) => f.type === 'login').length === 2);
    ws.serverSend({ type: 'error', payload: { code: 'username_invalid', message: 'invalid' } });
    await assert.rejects(second, (e) => e.code === 'username_invalid');
    assert.equal(client.user, null);
    client.close();
  });

  test('send resolves with the matching ack and rejects with the matching error', async () => {
    const { client, ws } = await loggedInClient();
    const ok = client.sendMessage('general', 'hi');
    const bad = client.privateMessage('nobody', 'hi');
    const okFrame = ws.lastSent('send_message');
    const badFrame = ws.lastSent('private_message');
    assert.ok(okFrame.id && badFrame.id && okFrame.id !== badFrame.id);
    assert.deepEqual(okFrame.payload, { message: 'hi', room: 'general' });
    assert.deepEqual(badFrame.payload, { message: 'hi', to: 'nobody' });
    ws.serverSend({ type: 'error', payload: { code: 'user_not_found', message: 'no', ref: badFrame.id } });
    ws.serverSend({ type: 'ack', payload: { ref: okFrame.id, messageId: 'm_1', seq: 7 } });
    assert.deepEqual(await ok, { ref: okFrame.id, messageId: 'm_1', seq: 7 });
    await assert.rejects(bad, (e) => e.code === 'user_not_found');
    client.close();
  });

  test('a reply sends replyTo; mentions() reads a message\'s mentions as names compare', async () => {
    const { client, ws } = await loggedInClient();
    const sent = client.sendMessage('general', 'yes', { replyTo: 'm_1' });
    const frame = ws.lastSent('send_message');
    assert.deepEqual(frame.payload, { replyTo: 'm_1', message: 'yes', room: 'general' });
    ws.serverSend({ type: 'ack', payload: { ref: frame.id, messageId: 'm_2', seq: 2 } });
    await sent;
    assert.equal(mentions({ mentions: ['Sara', 'omar'] }, 'sara'), true);
    assert.equal(mentions({ mentions: ['omar'] }, 'sara'), false);
    assert.equal(mentions({ message: '@sara without the server\'s list' }, 'sara'), false);
    client.close();
  });

  test('search sends the query with the filters given and resolves with its answer', async () => {
    const { client, ws } = await loggedInClient();
    const found = client.search('lunch "next week"', { room: 'team', before: 'c1', limit: 10 });
    const frame = ws.lastSent('search');
    assert.deepEqual(frame.payload, { query: 'lunch "next week"', room: 'team', before: 'c1', limit: 10 });
    ws.serverSend({ type: 'search', payload: { ref: frame.id, hits: [], next: 'c2' } });
    assert.deepEqual(await found, { ref: frame.id, hits: [], next: 'c2' });
    client.close();
  });

  test('reply frames resolve requests by ref and events reach on() handlers', async () => {
    const { client, ws } = await loggedInClient();
    const seen = [];
    const off = client.on('new_message', (p) => seen.push(p.message));
    const history = client.history({ room: 'general' }, { limit: 5 });
    const frame = ws.lastSent('history');
    assert.deepEqual(frame.payload, { room: 'general', limit: 5 });
    ws.serverSend({ type: 'history', payload: { ref: frame.id, room: 'general', messages: [], hasMore: false } });
    assert.equal((await history).hasMore, false);
    ws.serverSend({ type: 'new_message', payload: { room: 'general', from: 'x', message: 'one' } });
    off();
    ws.serverSend({ type: 'new_message', payload: { room: 'general', from: 'x', message: 'two' } });
    assert.deepEqual(seen, ['one']);
    // An unknown type answered with an error rejects the request (history may not exist yet).
    const unknown = client.history({ to: 'omar' });
    ws.serverSend({ type: 'error', payload: { code: 'unknown_type', message: '?', ref: ws.lastSent('history').id } });
    await assert.rejects(unknown, (e) => e.code === 'unknown_type');
    // A server ping is answered.
    ws.serverSend({ type: 'ping' });
    assert.ok(ws.lastSent('pong'));
    client.close();
  });

  test('users pages and presence subscriptions resolve with their replies (a presence_subscribe by its presence)', async () => {
    const { client, ws } = await loggedInClient();
    const events = [];
    client.on('presence', (p) => events.push(p));
    const page = client.users({ prefix: 'sa', after: 'sam', limit: 50 });
    const usersFrame = ws.lastSent('users');
    assert.deepEqual(usersFrame.payload, { prefix: 'sa', after: 'sam', limit: 50 });
    ws.serverSend({ type: 'users', payload: { ref: usersFrame.id, users: [{ username: 'sara', status: 'away' }], next: 'sara', online: 10234 } });
    assert.equal((await page).next, 'sara');
    assert.equal(client.online, 10234);
    const first = client.users();
    assert.deepEqual(ws.lastSent('users').payload, {}, 'every field optional');
    ws.serverSend({ type: 'users', payload: { ref: ws.lastSent('users').id, users: [] } });
    await first;
    assert.equal(client.online, 10234, 'a reply without the count keeps it');

    const subscribed = client.subscribePresence(new Set(['sara', 'omar']));
    const frame = ws.lastSent('presence_subscribe');
    assert.deepEqual(frame.payload, { users: ['sara', 'omar'] });
    // A live change first (no ref, or another ref): not the answer.
    ws.serverSend({ type: 'presence', payload: { changes: [{ username: 'omar', status: 'online' }] } });
    ws.serverSend({ type: 'presence', payload: { ref: 'other', changes: [] } });
    const changes = [{ username: 'sara', status: 'away' }, { username: 'omar', status: 'offline' }];
    ws.serverSend({ type: 'presence', payload: { ref: frame.id, changes } });
    assert.deepEqual((await subscribed).changes, changes);
    assert.equal(events.length, 3, 'the reply is an event too');

    const tooMany = client.subscribePresence([]);
    ws.serverSend({ type: 'error', payload: { code: 'invalid_payload', ref: ws.lastSent('presence_subscribe').id } });
    await assert.rejects(tooMany, (e) => e.code === 'invalid_payload');
    client.close();
  });

  test('the presence scope and the online count follow welcome and the scope events', async () => {
    const client = newClient();
    const seen = [];
    client.on('presence', () => seen.push([client.presence, client.online]));
    const login = client.login('sara');
    await until(() => FakeSocket.instances[0]?.lastSent('login'));
    const ws = FakeSocket.instances[0];
    ws.serverSend({ type: 'welcome', payload: { username: 'sara', users: [], presence: 'subscribed', online: 312, rooms: [], directs: [] } });
    await login;
    assert.deepEqual([client.presence, client.online], ['subscribed', 312]);
    ws.serverSend({ type: 'presence', payload: { changes: [{ username: 'omar', status: 'away' }] } });
    ws.serverSend({ type: 'presence', payload: { scope: 'all', online: 199, changes: [] } });
    ws.serverSend({ type: 'presence', payload: { scope: 'subscribed', online: 260, changes: [] } });
    assert.deepEqual(seen, [['subscribed', 312], ['all', 199], ['subscribed', 260]], 'known before the page\'s listeners run');
    // A server from before presence scopes: everything comes, as always.
    ws.serverClose(1012);
    await until(() => FakeSocket.instances[1]?.lastSent('login'));
    FakeSocket.instances[1].serverSend({ type: 'welcome', payload: { username: 'sara', users: [], rooms: [], directs: [] } });
    assert.equal(client.presence, 'all');
    client.close();
  });

  test('catchUp asks history after a seq, page by page while hasMore', async () => {
    const { client, ws } = await loggedInClient();
    const result = client.catchUp({ room: 'general' }, 10, { limit: 2 });
    const answer = (messages, hasMore) => {
      const frame = ws.lastSent('history');
      ws.serverSend({ type: 'history', payload: { ref: frame.id, room: 'general', messages, hasMore, readSeqs: { omar: 11 } } });
      return frame.payload;
    };
    await until(() => ws.lastSent('history'));
    assert.deepEqual(answer([{ id: 'm11', seq: 11 }, { id: 'm12', seq: 12 }], true), { room: 'general', after: 10, limit: 2 });
    await until(() => ws.lastSent('history').payload.after === 12);
    answer([{ id: 'm13', seq: 13 }], false);
    const { messages, readSeqs } = await result;
    assert.deepEqual(messages.map((m) => m.id), ['m11', 'm12', 'm13']);
    assert.deepEqual(readSeqs, { omar: 11 });
    client.close();
  });

  test('reconnects with backoff after a drop and logs in again as the same user', async () => {
    const { client, ws } = await loggedInClient('sara');
    const states = [];
    client.on('state', (s) => states.push(s));
    const welcomes = [];
    client.on('welcome', (p) => welcomes.push(p.username));
    const pending = client.sendMessage('general', 'lost?');
    ws.serverClose(1012, 'restart');
    await assert.rejects(pending, (e) => e.code === 'disconnected');
    assert.equal(client.state, 'reconnecting');
    await until(() => FakeSocket.instances.length === 2 && FakeSocket.instances[1].lastSent('login'));
    const ws2 = FakeSocket.instances[1];
    // The session token is tried first; when refused, the same name.
    assert.deepEqual(ws2.lastSent('login').payload, { token: 'tok1' });
    ws2.serverSend({ type: 'error', payload: { code: 'auth_failed', message: 'expired', ref: ws2.lastSent('login').id } });
    await until(() => ws2.sent.filter((f) => f.type === 'login').length === 2);
    assert.deepEqual(ws2.lastSent('login').payload, { username: 'sara' });
    ws2.serverSend({ type: 'welcome', payload: { username: 'sara', users: [], rooms: [], directs: [] } });
    assert.deepEqual(welcomes, ['sara']);
    assert.deepEqual(states, ['reconnecting', 'open']);
    assert.equal(client.loggedIn, true);
    client.close();
    assert.equal(client.state, 'closed');
  });

  test('keeps retrying with growing delays while the server is unreachable', async () => {
    const { client, ws } = await loggedInClient('sara');
    const delays = [];
    client.on('reconnect', ({ delayMs }) => delays.push(delayMs));
    FakeSocket.prototype.refuse = true;
    try {
      ws.serverClose(1006);
      await until(() => delays.length >= 5, 3000);
    } finally {
      delete FakeSocket.prototype.refuse;
    }
    assert.ok(delays[0] >= 7 && delays[0] <= 13, JSON.stringify(delays));
    assert.ok(delays[1] > delays[0] * 1.2, JSON.stringify(delays));
    assert.ok(delays.every((d) => d <= 80), JSON.stringify(delays));
    client.close();
  });

  test('a restarting server\'s window spreads the first reconnect over it; later attempts back off as usual', async () => {
    const client = newClient({ random: () => 0.25 });
    const welcome = client.login('sara');
    await until(() => FakeSocket.instances[0]?.lastSent('login'));
    FakeSocket.instances[0].serverSend({ type: 'welcome', payload: { username: 'sara', token: 'tok1', users: [], rooms: [], directs: [] } });
    await welcome;
    const delays = [];
    client.on('reconnect', (info) => delays.push(info.delayMs));
    FakeSocket.instances[0].serverClose(1012, 'server restarting: reconnect within 10 s');
    assert.deepEqual(delays, [2500], 'a quarter into the 10 s window');
    client.reconnectNow();
    FakeSocket.instances[1].serverClose(1012, 'server restarting: reconnect within 10 s');
    assert.ok(delays[1] <= 80, `then the usual backoff: ${delays}`);
    client.close();
  });

  test('no reconnect after a 1008 close (expired session): the state says closed with the code', async () => {
    const { client, ws } = await loggedInClient();
    const states = [];
    client.on('state', (s, info) => states.push([s, info.code]));
    ws.serverClose(1008, 'session expired');
    await tick(50);
    assert.equal(FakeSocket.instances.length, 1);
    assert.deepEqual(states, [['closed', 1008]]);
  });

  test('a resend reuses the frame id; logout forgets the session token', async () => {
    const { client, ws } = await loggedInClient();
    const first = client.sendMessage('general', 'again', {}, { id: 'm-fixed' });
    ws.serverSend({ type: 'error', payload: { code: 'rate_limited', retryAfterMs: 80, ref: 'm-fixed' } });
    await assert.rejects(first, (e) => e.code === 'rate_limited' && e.payload.retryAfterMs === 80);
    const second = client.sendMessage('general', 'again', {}, { id: 'm-fixed' });
    assert.equal(ws.sent.filter((f) => f.id === 'm-fixed').length, 2);
    ws.serverSend({ type: 'ack', payload: { ref: 'm-fixed', messageId: 'm_9', seq: 9 } });
    assert.equal((await second).messageId, 'm_9');
    client.logout();
    assert.equal(ws.lastSent('logout').type, 'logout', 'the server is told to end the session');
    assert.equal(client.session, null);
    assert.equal(client.state, 'closed');
  });

  test('requests resolve on their ack (creating and joining with the room they made), or reject with their error', async () => {
    const { client, ws } = await loggedInClient('sara');
    let settled = false;
    const created = client.createRoom('Team-X', { isPrivate: true, members: ['omar'] });
    created.then(() => { settled = true; });
    const frame = ws.lastSent('create_room');
    assert.deepEqual(frame.payload, { room: 'Team-X', private: true, members: ['omar'] });
    // Events about something else are not it; the room (any case) is, but the ack is still to come.
    ws.serverSend({ type: 'room', payload: { room: 'other', private: false, owner: 'x', members: ['x'] } });
    ws.serverSend({ type: 'room', payload: { room: 'team-x', private: true, owner: 'sara', members: ['sara', 'omar'] } });
    await tick(10);
    assert.equal(settled, false, 'no ack yet');
    ws.serverSend({ type: 'ack', payload: { ref: frame.id } });
    assert.deepEqual((await created).members, ['sara', 'omar']);

    // On a cluster the ack may come first: the room event still resolves it.
    const joined = client.joinRoom('lobby');
    ws.serverSend({ type: 'ack', payload: { ref: ws.lastSent('join_room').id } });
    ws.serverSend({ type: 'room', payload: { room: 'Lobby', private: false, owner: 'x', members: ['x', 'sara'] } });
    assert.equal((await joined).room, 'Lobby');

    const taken = client.createRoom('team-x');
    ws.serverSend({ type: 'error', payload: { code: 'room_exists', ref: ws.lastSent('create_room').id } });
    await assert.rejects(taken, (e) => e.code === 'room_exists');

    const left = client.leaveRoom('team-x');
    ws.serverSend({ type: 'ack', payload: { ref: ws.lastSent('leave_room').id } });
    assert.equal((await left).ref, ws.lastSent('leave_room').id);

    const reacted = client.react('m_1', '👍', true);
    assert.deepEqual(ws.lastSent('react').payload, { messageId: 'm_1', emoji: '👍', on: true });
    ws.serverSend({ type: 'ack', payload: { ref: ws.lastSent('react').id } });
    await reacted;

    const edited = client.editMessage('m_1', 'fixed');
    ws.serverSend({ type: 'error', payload: { code: 'forbidden', ref: ws.lastSent('edit_message').id } });
    await assert.rejects(edited, (e) => e.code === 'forbidden');
    const gone = client.deleteMessage('m_2');
    ws.serverClose(1006);
    await assert.rejects(gone, (e) => e.code === 'disconnected');
    client.close();
  });

  test('uploadFile posts the file with the bearer token and maps 413 to file_too_large', async () => {
    const sent = [];
    class FakeXhr {
      constructor() { this.upload = {}; this.headers = {}; sent.push(this); }
      open(method, url) { Object.assign(this, { method, url }); }
      setRequestHeader(name, value) { this.headers[name] = value; }
      send(body) {
        this.body = body;
        setTimeout(() => {
          this.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true });
          this.status = this.url && body.get('file').size > 3 ? 413 : 201;
          this.response = this.status === 201 ? { id: 'f1', name: 'a.txt', size: 2, contentType: 'application/octet-stream', url: '/api/files/f1?key=k' } : null;
          this.onload();
        }, 0);
      }
      abort() { this.onabort(); }
    }
    const progress = [];
    const ok = await uploadFile(new Blob(['hi']), { token: 'tok', XHR: FakeXhr, onProgress: (loaded, total) => progress.push([loaded, total]) });
    assert.equal(ok.id, 'f1');
    assert.equal(sent[0].method, 'POST');
    assert.equal(sent[0].url, '/api/files');
    assert.equal(sent[0].headers.Authorization, 'Bearer tok');
    assert.deepEqual(progress, [[5, 10]]);
    await assert.rejects(uploadFile(new Blob(['too big']), { token: 'tok', XHR: FakeXhr }),
      (e) => e.code === 'file_too_large' && e.payload.status === 413);
    const controller = new AbortController();
    const cancelled = uploadFile(new Blob(['x']), { token: 'tok', XHR: FakeXhr, signal: controller.signal });
    controller.abort();
    await assert.rejects(cancelled, (e) => e.code === 'aborted');
  });

  test('no reconnect after close() or when the first connection fails', async () => {
    const { client, ws } = await loggedInClient();
    client.close();
    ws.serverClose(1000);
    await tick(50);
    assert.equal(FakeSocket.instances.length, 1);
    assert.equal(client.state, 'closed');
  });
});
