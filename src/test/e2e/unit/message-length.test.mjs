// Unit tests of app/message-length.js: messages counted as the server counts them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COUNTER_FROM, MAX_MESSAGE_LENGTH, lengthStatus, messageLength,
} from '../../../main/resources/META-INF/resources/app/message-length.js';

describe('message length', () => {
  test('code points, not UTF-16 units', () => {
    assert.equal(messageLength('abc'), 3);
    assert.equal(messageLength('😀😀'), 2);
    assert.equal('😀😀'.length, 4);
    assert.equal(messageLength('مرحبا'), 5);
    assert.equal(messageLength(''), 0);
  });

  test('the counter shows near the limit; over the limit says by how much', () => {
    assert.deepEqual(lengthStatus('a'.repeat(COUNTER_FROM - 1)), { length: COUNTER_FROM - 1, counter: false, over: 0 });
    assert.equal(lengthStatus('a'.repeat(COUNTER_FROM)).counter, true);
    assert.equal(lengthStatus('😀'.repeat(MAX_MESSAGE_LENGTH)).over, 0);
    assert.equal(lengthStatus('😀'.repeat(MAX_MESSAGE_LENGTH + 3)).over, 3);
  });
});
