// Unit tests of app/optional-frames.js (frames whose errors nobody needs to see).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OptionalFrames } from '../../../main/resources/META-INF/resources/app/optional-frames.js';

function fakeClient(connected = true) {
  return { sent: [], send(type, payload, { id }) { if (!connected) return null; this.sent.push({ type, payload, id }); return id; } };
}

describe('optional frames', () => {
  test('an unknown_type answer stops that type; other errors are absorbed quietly', () => {
    const client = fakeClient();
    const frames = new OptionalFrames(client, new Set());
    frames.send('typing', { room: 'tea', active: true });
    frames.send('read', { room: 'tea', seq: 3 });
    const [typing, read] = client.sent.map((f) => f.id);
    assert.equal(frames.absorb({ code: 'unknown_type', payload: { ref: typing } }), true);
    assert.equal(frames.absorb({ code: 'rate_limited', payload: { ref: read } }), true);
    assert.equal(frames.absorb({ code: 'rate_limited', payload: { ref: read } }), false, 'each answer once');
    assert.equal(frames.absorb({ code: 'internal', payload: { ref: 'c-1' } }), false, 'not one of ours');
    frames.send('typing', { room: 'tea', active: false });
    frames.send('read', { room: 'tea', seq: 4 });
    assert.deepEqual(client.sent.map((f) => f.type), ['typing', 'read', 'read']);
  });

  test('frames not sent (offline) are not remembered; only the latest few hundred are', () => {
    const frames = new OptionalFrames(fakeClient(false), new Set());
    frames.send('read', {});
    assert.equal(frames.sent.size, 0);
    const online = new OptionalFrames(fakeClient(), new Set());
    for (let i = 0; i < 250; i++) online.send('read', { seq: i });
    assert.equal(online.sent.size, 200);
    assert.equal(online.absorb({ code: 'unknown_type', payload: { ref: 'o-1' } }), false);
    assert.equal(online.absorb({ code: 'unknown_type', payload: { ref: 'o-250' } }), true);
  });
});
