// Unit tests of app/emoji-data.js: the bundled emoji set and its search.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EMOJI, searchEmoji } from '../../../main/resources/META-INF/resources/app/emoji-data.js';

describe('emoji data', () => {
  test('a few hundred emoji, each once, each named in English and Arabic', () => {
    assert.ok(EMOJI.length >= 300, `${EMOJI.length} emoji`);
    assert.equal(new Set(EMOJI.map((e) => e.emoji)).size, EMOJI.length);
    for (const entry of EMOJI) {
      assert.ok(entry.en[0] && /[a-z]/.test(entry.en[0]), `${entry.emoji} English name`);
      assert.ok(entry.ar[0] && /[\u0600-\u06FF]/.test(entry.ar[0]), `${entry.emoji} Arabic name`);
    }
  });

  test('search in either language, words starting with the query first', () => {
    assert.equal(searchEmoji('').length, EMOJI.length);
    assert.equal(searchEmoji('red heart')[0].emoji, '❤️');
    assert.equal(searchEmoji('RED HEART')[0].emoji, '❤️');
    assert.ok(searchEmoji('قلب').some((e) => e.emoji === '❤️'));
    assert.deepEqual(searchEmoji('قهوة').map((e) => e.emoji), ['☕']);
    assert.deepEqual(searchEmoji('no such thing'), []);
  });
});
