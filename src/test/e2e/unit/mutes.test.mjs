// Unit tests of app/mutes.js: muted conversations, per user, remembered.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MUTED_KEY_PREFIX, Mutes } from '../../../main/resources/META-INF/resources/app/mutes.js';

/** Preferences over a Map. */
const preferences = (map = new Map()) => ({ get: (k) => map.get(k) ?? null, set: (k, v) => map.set(k, v), map });

describe('mutes', () => {
  test('toggled per user and remembered', () => {
    const prefs = preferences();
    const mutes = new Mutes(prefs);
    mutes.load('Sara');
    assert.equal(mutes.toggle('dm:omar'), true);
    assert.equal(mutes.has('dm:omar'), true);
    const again = new Mutes(prefs);
    again.load('sara');
    assert.equal(again.has('dm:omar'), true);
    again.load('Omar');
    assert.equal(again.has('dm:omar'), false, 'another user\'s');
    assert.equal(mutes.toggle('dm:omar'), false);
    assert.deepEqual(JSON.parse(prefs.map.get(`${MUTED_KEY_PREFIX}sara`)), []);
  });

  test('corrupt or odd values read as nothing muted', () => {
    const mutes = new Mutes(preferences(new Map([[`${MUTED_KEY_PREFIX}sara`, '{oops'], [`${MUTED_KEY_PREFIX}omar`, '[1, "room:x"]']])));
    mutes.load('sara');
    assert.equal(mutes.keys.size, 0);
    mutes.load('omar');
    assert.deepEqual([...mutes.keys], ['room:x']);
  });
});
