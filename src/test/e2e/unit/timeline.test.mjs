// Unit tests of app/timeline.js: groups of messages, date lines, avatars.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  avatarHue, continuesGroup, initials, startsDay,
} from '../../../main/resources/META-INF/resources/app/timeline.js';

const at = (from, iso) => ({ from, timestamp: iso });

describe('timeline', () => {
  test('one sender within five minutes on the same day is one group', () => {
    const first = at('Sara', '2026-11-30T10:00:00Z');
    assert.equal(continuesGroup(null, first), false);
    assert.equal(continuesGroup(first, at('sara', '2026-11-30T10:04:59Z')), true);
    assert.equal(continuesGroup(first, at('Sara', '2026-11-30T10:05:00Z')), false);
    assert.equal(continuesGroup(first, at('Omar', '2026-11-30T10:01:00Z')), false);
    assert.equal(continuesGroup(first, { from: 'Sara' }), false, 'no time, no group');
  });

  test('a date line before the first message and when the day changes', () => {
    const day1 = at('Sara', '2026-11-29T12:00:00');
    const day2 = at('Sara', '2026-11-30T12:00:00');
    assert.equal(startsDay(null, day1), true);
    assert.equal(startsDay(day1, at('Omar', '2026-11-29T13:00:00')), false);
    assert.equal(startsDay(day1, day2), true);
    assert.equal(continuesGroup(at('Sara', '2026-11-29T23:59:00'), at('Sara', '2026-11-30T00:01:00')), false);
  });

  test('avatars: initials and a stable colour from the name', () => {
    assert.equal(initials('sara'), 'S');
    assert.equal(initials('omar.khaled'), 'OK');
    assert.equal(initials('أحمد'), 'أ');
    assert.equal(initials('😀x'), '😀');
    assert.equal(avatarHue('Sara'), avatarHue('sara'));
    assert.ok(avatarHue('Sara') >= 0 && avatarHue('Sara') < 360);
    assert.notEqual(avatarHue('Sara'), avatarHue('Omar'));
  });
});
