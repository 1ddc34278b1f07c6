// Unit tests of app/outbox.js (our messages on their way, no DOM) with a fake client.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MajlisError } from '../../../main/resources/META-INF/resources/majlis-client.js';
import { Outbox } from '../../../main/resources/META-INF/resources/app/outbox.js';
import { Conversation } from '../../../main/resources/META-INF/resources/app/state.js';

/** Answers each send with the next scripted outcome: an ack object, or a MajlisError code to reject with. */
class FakeClient {
  constructor(outcomes = []) {
    this.outcomes = outcomes;
    this.sent = [];
    this.loggedIn = true;
    this.state = 'open';
    this.ids = 0;
  }

  newId(prefix) {
    return `${prefix}-${++this.ids}`;
  }

  answer(type, target, text, extra, options) {
    this.sent.push({ type, target, text, extra, id: options.id });
    const outcome = this.outcomes.shift() ?? { messageId: `srv-${this.sent.length}`, seq: this.sent.length };
    return typeof outcome === 'string' ? Promise.reject(new MajlisError(outcome)) : Promise.resolve(outcome);
  }

  sendMessage(room, text, extra, options) {
    return this.answer('send_message', room, text, extra, options);
  }

  privateMessage(to, text, extra, options) {
    return this.answer('private_message', to, text, extra, options);
  }
}

function setUp(outcomes) {
  const client = new FakeClient(outcomes);
  const events = [];
  const outbox = new Outbox({
    client,
    me: () => 'sara',
    view: {
      update: (conv, p) => events.push(['update', p.id, p.status]),
      remove: (conv, p) => events.push(['remove', p.id]),
      failed: (conv, p, e) => events.push(['failed', p.id, e.code]),
      delivered: (conv, m) => events.push(['delivered', m.id, m.from, m.message]),
    },
  });
  return { client, outbox, events };
}

describe('outbox', () => {
  test('sent and acked: removed, and shown as a message when the ack comes first', async () => {
    const { client, outbox, events } = setUp([{ messageId: 'srv-9', seq: 9 }]);
    const conv = new Conversation('room', 'tea');
    const pending = outbox.add(conv, 'hello', []);
    assert.equal(pending.status, 'queued');
    await outbox.transmit(conv, pending);
    assert.deepEqual(client.sent, [{ type: 'send_message', target: 'tea', text: 'hello', extra: {}, id: 'm-1' }]);
    assert.equal(conv.pending.size, 0);
    assert.deepEqual(events, [
      ['update', 'm-1', 'queued'], ['update', 'm-1', 'sending'], ['remove', 'm-1'], ['delivered', 'srv-9', 'sara', 'hello'],
    ]);
  });

  test('direct messages go as private_message, with the ids of their files', async () => {
    const { client, outbox } = setUp();
    const conv = new Conversation('direct', 'omar');
    await outbox.transmit(conv, outbox.add(conv, '', [{ id: 'f1' }, { id: 'f2' }]));
    assert.equal(client.sent[0].type, 'private_message');
    assert.deepEqual(client.sent[0].extra, { attachments: ['f1', 'f2'] });
  });

  test('a refused message fails, and its retry keeps the original id', async () => {
    const { client, outbox, events } = setUp(['rate_limited']);
    const conv = new Conversation('room', 'tea');
    const pending = outbox.add(conv, 'again', []);
    await outbox.transmit(conv, pending);
    assert.equal(pending.status, 'failed');
    assert.equal(pending.error.code, 'rate_limited');
    assert.equal(pending.uncertain, false);
    assert.deepEqual(events.at(-1), ['failed', pending.id, 'rate_limited']);
    outbox.retry(conv, pending);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(client.sent.map((s) => s.id), [pending.id, pending.id]);
    assert.equal(conv.pending.size, 0);
  });

  test('a connection drop queues the message; after the reconnect it goes again with the same id, in order', async () => {
    const { client, outbox } = setUp(['disconnected', 'disconnected']);
    const conv = new Conversation('room', 'tea');
    const first = outbox.add(conv, 'one', []);
    const second = outbox.add(conv, 'two', []);
    await outbox.transmit(conv, first);
    await outbox.transmit(conv, second);
    assert.equal(first.status, 'queued');
    assert.equal(first.uncertain, true, 'the server may have stored it');
    client.loggedIn = false;
    outbox.sendQueued([conv]);
    assert.equal(client.sent.length, 2, 'nothing goes out while offline');
    client.loggedIn = true;
    outbox.sendQueued([conv]);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(client.sent.map((s) => [s.text, s.id]), [['one', first.id], ['two', second.id], ['one', first.id], ['two', second.id]]);
    assert.equal(conv.pending.size, 0);
  });

  test('once the connection is closed for good, a drop is a failure', async () => {
    const { client, outbox } = setUp(['disconnected']);
    client.state = 'closed';
    const conv = new Conversation('room', 'tea');
    const pending = outbox.add(conv, 'late', []);
    await outbox.transmit(conv, pending);
    assert.equal(pending.status, 'failed');
  });

  test('retry while offline queues instead of sending', () => {
    const { client, outbox } = setUp();
    client.loggedIn = false;
    const conv = new Conversation('room', 'tea');
    const pending = outbox.add(conv, 'later', []);
    pending.status = 'failed';
    outbox.retry(conv, pending);
    assert.equal(pending.status, 'queued');
    assert.equal(client.sent.length, 0);
  });

  test('our own message coming back replaces the matching pending one, not a queued one', () => {
    const { outbox, events } = setUp();
    const conv = new Conversation('room', 'tea');
    const queued = outbox.add(conv, 'same', []);
    const sending = outbox.add(conv, 'same', []);
    sending.status = 'sending';
    outbox.adopt(conv, { id: 'srv-1', message: 'same', attachments: [] }, { live: false });
    assert.equal(conv.pending.size, 2, 'a history copy only settles an uncertain send');
    outbox.adopt(conv, { id: 'srv-1', message: 'same', attachments: [] }, { live: true });
    assert.deepEqual([...conv.pending.keys()], [queued.id]);
    assert.equal(sending.messageId, 'srv-1');
    assert.deepEqual(events.at(-1), ['remove', sending.id]);
    queued.uncertain = true;
    outbox.adopt(conv, { id: 'srv-2', message: 'same', attachments: [{ id: 'f' }] }, { live: false });
    assert.equal(conv.pending.size, 1, 'different files: not the same message');
    outbox.adopt(conv, { id: 'srv-2', message: 'same' }, { live: false });
    assert.equal(conv.pending.size, 0);
  });

  test('an ack for a message already adopted or discarded changes nothing', async () => {
    const { outbox, events } = setUp();
    const conv = new Conversation('room', 'tea');
    const pending = outbox.add(conv, 'gone', []);
    const sending = outbox.transmit(conv, pending);
    outbox.discard(conv, pending);
    await sending;
    assert.deepEqual(events.map((e) => e[0]), ['update', 'update', 'remove']);
  });
});
