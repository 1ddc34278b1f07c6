// Unit tests of app/search-model.js (search results, no DOM): no server, no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, groupHits, highlightParts, searchable } from '../../../main/resources/META-INF/resources/app/search-model.js';

describe('search model', () => {
  test('a query needs a word and at most 200 characters', () => {
    assert.ok(searchable('lunch'));
    assert.ok(searchable(' محمد '));
    assert.ok(!searchable('  '));
    assert.ok(!searchable('"?!"'));
    assert.ok(!searchable('a'.repeat(201)));
  });

  test('highlights cut the text into marked and plain parts', () => {
    assert.deepEqual(highlightParts('lunch at noon', [[0, 5], [9, 13]]), [
      { text: 'lunch', mark: true }, { text: ' at ', mark: false }, { text: 'noon', mark: true },
    ]);
    // UTF-16 offsets: the emoji is two code units.
    assert.deepEqual(highlightParts('😀 tea', [[3, 6]]), [{ text: '😀 ', mark: false }, { text: 'tea', mark: true }]);
    // Unsorted, overlapping, out of range.
    assert.deepEqual(highlightParts('abcdef', [[4, 99], [1, 3], [2, 5]]), [
      { text: 'a', mark: false }, { text: 'bcdef', mark: true },
    ]);
    assert.deepEqual(highlightParts('abc', []), [{ text: 'abc', mark: false }]);
    assert.deepEqual(highlightParts('', [[0, 2]]), []);
  });

  test('hits group by conversation, in the order of their newest hit', () => {
    const hit = (room, seq) => ({ message: { room, seq } });
    const groups = groupHits([hit('a', 9), hit('b', 8), hit('a', 7)], (m) => m.room);
    assert.deepEqual(groups.map((g) => [g.key, g.hits.map((h) => h.message.seq)]), [['a', [9, 7]], ['b', [8]]]);
  });
});

describe('search excerpts', () => {
  test('a long text is cut around its first highlight, the ranges follow', () => {
    const text = `${'x'.repeat(300)} lunch ${'y'.repeat(300)}`;
    const { text: cut, ranges } = excerpt(text, [[301, 306]], 100);
    assert.ok(cut.startsWith('…') && cut.endsWith('…'));
    assert.equal(cut.slice(ranges[0][0], ranges[0][1]), 'lunch');
    assert.deepEqual(excerpt('short', [[0, 5]]), { text: 'short', ranges: [[0, 5]] });
  });
});
