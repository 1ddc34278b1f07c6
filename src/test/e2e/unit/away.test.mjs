// Unit tests of app/away.js: away after a while without activity in any tab, back on activity.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoAway } from '../../../main/resources/META-INF/resources/app/away.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function subject(initial = 'online') {
  const seen = { status: initial, sharedValue: null };
  const away = new AutoAway(() => seen.status, (s) => { seen.status = s; }, {
    get: () => seen.sharedValue,
    set: (v) => { seen.sharedValue = v; },
  }, { afterMs: 200, shareEveryMs: 50 });
  return { away, seen };
}

describe('automatic away', () => {
  test('away after the delay, online again on activity', async () => {
    const { away, seen } = subject();
    away.restart();
    await sleep(260);
    assert.equal(seen.status, 'away');
    away.activity();
    assert.equal(seen.status, 'online');
    assert.ok(Number(seen.sharedValue) > 0, 'the activity is shared with the other tabs');
    clearTimeout(away.timer);
  });

  test('not while another tab is used', async () => {
    const { away, seen } = subject();
    away.restart();
    await sleep(150);
    seen.sharedValue = String(Date.now()); // another tab, used just now
    await sleep(110);
    assert.equal(seen.status, 'online');
    await sleep(250);
    assert.equal(seen.status, 'away', 'once that use is old enough');
    clearTimeout(away.timer);
  });

  test('a status chosen by hand stays', async () => {
    const { away, seen } = subject('busy');
    away.chosen();
    await sleep(260);
    assert.equal(seen.status, 'busy');
    away.activity();
    assert.equal(seen.status, 'busy');
    clearTimeout(away.timer);
  });
});
