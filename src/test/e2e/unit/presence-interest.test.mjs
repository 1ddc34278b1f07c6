// Unit tests of app/presence-interest.js (whose presence the page subscribes to): no server, no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceInterest } from '../../../main/resources/META-INF/resources/app/presence-interest.js';

function recording({ fail = false } = {}) {
  const sent = [];
  const subscribe = async (names) => {
    sent.push(names);
    if (fail) throw Object.assign(new Error('offline'), { code: 'disconnected' });
    return { changes: names.map((username) => ({ username, status: 'online' })) };
  };
  return { sent, subscribe };
}

describe('presence interest', () => {
  test('the views\' names make one list, each name once, the first views first when over the maximum', () => {
    const interest = new PresenceInterest(async () => null, { max: 4 });
    interest.want('online', ['amal', 'Omar', 'karim']);
    interest.want('members', ['omar', 'layla']);
    assert.deepEqual(interest.list(), ['omar', 'layla', 'amal', 'karim']);
    interest.want('members', ['x', 'y', 'z']);
    assert.deepEqual(interest.list(), ['x', 'y', 'z', 'amal']);
    assert.throws(() => interest.want('typing', []), /unknown presence source/);
  });

  test('sends only what the connection does not have, and everything again on a new connection', async () => {
    const { sent, subscribe } = recording();
    const interest = new PresenceInterest(subscribe);
    assert.equal(await interest.sync(), null, 'a new connection has no list: nothing to clear');
    interest.want('online', ['amal', 'omar']);
    assert.deepEqual((await interest.sync()).changes.map((c) => c.username), ['amal', 'omar']);
    interest.want('online', ['OMAR', 'Amal']);
    assert.equal(await interest.sync(), null, 'the same names, in another order and case');
    interest.want('online', []);
    await interest.sync();
    interest.want('members', ['layla']);
    await interest.sync();
    interest.newConnection();
    await interest.sync();
    assert.deepEqual(sent, [['amal', 'omar'], [], ['layla'], ['layla']]);
  });

  test('a failed subscription is sent again by the next sync', async () => {
    const failing = recording({ fail: true });
    const interest = new PresenceInterest(failing.subscribe);
    interest.want('online', ['amal']);
    await assert.rejects(interest.sync(), (e) => e.code === 'disconnected');
    await assert.rejects(interest.sync());
    assert.deepEqual(failing.sent, [['amal'], ['amal']]);
  });
});
