// Unit tests of app/name-lists.js (sorting and filtering names, no DOM): no server, no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byName, firstMatching, startsWithName } from '../../../main/resources/META-INF/resources/app/name-lists.js';

describe('name lists', () => {
  test('names sort without regard to case; a prefix matches as names compare', () => {
    assert.deepEqual(['omar', 'Amal', 'layla'].sort(byName), ['Amal', 'layla', 'omar']);
    assert.ok(startsWithName('Sara', 'sA'));
    assert.ok(startsWithName('Élise', 'e\u0301l'), 'in NFC');
    assert.ok(startsWithName('أحمد', ''));
    assert.ok(!startsWithName('Omar', 'ma'));
  });

  test('the first page of the names that match, and how many match in all', () => {
    const members = ['bot3', 'Sara', 'bot1', 'BOT2', 'omar'];
    assert.deepEqual(firstMatching(members, { prefix: 'bot', count: 2 }), { names: ['bot1', 'BOT2'], matching: 3 });
    assert.deepEqual(firstMatching(members, { count: 10 }).names, ['bot1', 'BOT2', 'bot3', 'omar', 'Sara']);
    assert.deepEqual(firstMatching(members, { prefix: 'x', count: 10 }), { names: [], matching: 0 });
  });
});
