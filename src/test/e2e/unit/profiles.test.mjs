// Unit tests of app/profiles.js (the profiles shown, fetched once per name and kept).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProfileCache, shownName } from '../../../main/resources/META-INF/resources/app/profiles.js';

const notFound = () => Object.assign(new Error('no account'), { code: 'not_found' });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('profile cache', () => {
  test('a name is fetched once, kept under any case, and its arrival told', async () => {
    const asked = [];
    const cache = new ProfileCache(async (name) => {
      asked.push(name);
      return { username: 'Sara', displayName: 'سارة', statusText: null, avatarUrl: null };
    });
    const told = [];
    cache.onChange = (profile, name) => told.push([profile?.displayName, name]);
    assert.equal(cache.get('Sara'), null, 'nothing known before the answer');
    assert.equal(cache.get('sara'), null);
    await settle();
    assert.deepEqual(asked, ['Sara'], 'one request for one name, whatever its case');
    assert.equal(cache.get('SARA').displayName, 'سارة');
    assert.deepEqual(told, [['سارة', 'Sara']]);
  });

  test('a guest (404) is kept as none and not asked again; another failure is retried later', async () => {
    let now = 0;
    let answer = notFound;
    const asked = [];
    const cache = new ProfileCache(async (name) => {
      asked.push(name);
      throw answer();
    }, () => now);
    cache.get('guest1');
    await settle();
    now += 60_000;
    assert.equal(cache.get('guest1'), null);
    assert.equal(asked.length, 1, 'no account: not asked again within ten minutes');
    answer = () => Object.assign(new Error('down'), { code: 'disconnected' });
    cache.get('other');
    await settle();
    cache.get('other');
    assert.equal(asked.length, 2, 'a failure is not retried at once');
    now += 31_000;
    cache.get('other');
    assert.equal(asked.length, 3, 'but after half a minute');
  });

  test('profile_changed replaces what is kept, even while a fetch is on its way', async () => {
    let resolveFetch;
    const cache = new ProfileCache(() => new Promise((resolve) => { resolveFetch = resolve; }));
    const told = [];
    cache.onChange = (profile) => told.push(profile.displayName);
    cache.get('omar');
    cache.apply({ username: 'Omar', displayName: 'New', statusText: null, avatarUrl: '/api/users/Omar/avatar?v=1' });
    resolveFetch({ username: 'Omar', displayName: 'Old', statusText: null, avatarUrl: null });
    await settle();
    assert.equal(cache.get('omar').displayName, 'New', 'the older answer does not win');
    assert.deepEqual(told, ['New']);
  });

  test('a stale profile is fetched again when shown, keeping the old one meanwhile', async () => {
    let now = 0;
    let version = 1;
    const cache = new ProfileCache(async () => ({ username: 'lina', displayName: `v${version}` }), () => now);
    cache.get('lina');
    await settle();
    version = 2;
    now += 11 * 60_000;
    assert.equal(cache.get('lina').displayName, 'v1');
    await settle();
    assert.equal(cache.get('lina').displayName, 'v2');
  });

  test('the shown name is the display name, else the username', () => {
    assert.equal(shownName({ displayName: 'Nūr' }, 'nur'), 'Nūr');
    assert.equal(shownName({ displayName: null }, 'nur'), 'nur');
    assert.equal(shownName(null, 'nur'), 'nur');
  });
});
