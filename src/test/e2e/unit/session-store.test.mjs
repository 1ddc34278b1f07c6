// Unit tests of app/session-store.js (the browser's session, read marks and preferences) with a fake Storage.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Preferences, READ_KEY_PREFIX, SESSION_KEY, SessionStore, TabStore, tokenExpired,
} from '../../../main/resources/META-INF/resources/app/session-store.js';

/** The Storage interface over a Map. */
class FakeStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
  }

  get length() { return this.map.size; }

  key(i) { return [...this.map.keys()][i] ?? null; }

  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }

  setItem(k, v) { this.map.set(k, String(v)); }

  removeItem(k) { this.map.delete(k); }
}

const broken = () => { throw new Error('SecurityError: storage disabled'); };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('session store', () => {
  test('a welcome saved is the session found after a reload', () => {
    const storage = new FakeStorage();
    const store = new SessionStore(() => storage);
    const expiresAt = inAnHour();
    store.saveSession({ token: 'tok', expiresAt, username: 'Sara', guest: false, users: [] });
    assert.deepEqual(store.savedSession(), { token: 'tok', expiresAt, username: 'Sara', guest: false });
    assert.deepEqual(new SessionStore(() => storage).savedSession().token, 'tok');
  });

  test('a welcome without a token saves nothing; guests are guests unless told otherwise', () => {
    const storage = new FakeStorage();
    const store = new SessionStore(() => storage);
    store.saveSession({ username: 'sara' });
    assert.equal(store.savedSession(), null);
    store.saveSession({ token: 't', username: 'sara' });
    assert.equal(store.savedSession().guest, true);
    assert.equal(store.savedSession().expiresAt, null);
  });

  test('an expired or corrupt session is no session, and the expired one is removed', () => {
    const storage = new FakeStorage({ [SESSION_KEY]: JSON.stringify({ token: 't', expiresAt: '2020-01-01T00:00:00Z' }) });
    const store = new SessionStore(() => storage);
    assert.equal(store.savedSession(), null);
    assert.equal(storage.getItem(SESSION_KEY), null);
    storage.setItem(SESSION_KEY, '{not json');
    assert.equal(store.savedSession(), null);
    storage.setItem(SESSION_KEY, JSON.stringify({ token: '' }));
    assert.equal(store.savedSession(), null);
  });

  test('a token about to expire counts as expired', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(tokenExpired('2026-01-01T00:00:04Z', 5000, now), true);
    assert.equal(tokenExpired('2026-01-01T00:00:06Z', 5000, now), false);
    assert.equal(tokenExpired(null, 5000, now), false);
  });

  test('read marks per user, only forward, and log out clears them and the session, not preferences', () => {
    const storage = new FakeStorage({ other: 'kept', 'majlis.theme': 'dark' });
    const store = new SessionStore(() => storage);
    assert.deepEqual(store.readMarks(null), {});
    store.saveReadMark('Sara', { key: 'room:tea', readSeq: 5 });
    store.saveReadMark('sara', { key: 'room:tea', readSeq: 3 });
    store.saveReadMark('SARA', { key: 'dm:omar', readSeq: 2 });
    assert.deepEqual(store.readMarks('sara'), { 'room:tea': 5, 'dm:omar': 2 });
    assert.deepEqual(store.readMarks('omar'), {});
    assert.ok(storage.getItem(`${READ_KEY_PREFIX}sara`));
    store.saveSession({ token: 't', username: 'sara' });
    store.clear();
    assert.deepEqual([...storage.map.keys()], ['other', 'majlis.theme']);
  });

  test('corrupt read marks read as none', () => {
    const store = new SessionStore(() => new FakeStorage({ [`${READ_KEY_PREFIX}sara`]: '[oops' }));
    assert.deepEqual(store.readMarks('sara'), {});
  });

  test('disabled storage: nothing is kept, nothing throws', () => {
    const store = new SessionStore(broken);
    store.saveSession({ token: 't', username: 'sara' });
    assert.equal(store.savedSession(), null);
    store.saveReadMark('sara', { key: 'room:tea', readSeq: 1 });
    assert.deepEqual(store.readMarks('sara'), {});
    store.clear();
    const prefs = new Preferences(broken);
    prefs.set('majlis.theme', 'dark');
    assert.equal(prefs.get('majlis.theme'), null);
  });

  test('preferences round trip', () => {
    const storage = new FakeStorage();
    new Preferences(() => storage).set('majlis.language', 'ar');
    assert.equal(new Preferences(() => storage).get('majlis.language'), 'ar');
  });

  test('the tab\'s place: the open conversation and the drafts, per user, gone at log out', () => {
    const storage = new FakeStorage({ 'majlis.theme': 'dark' });
    const tab = new TabStore(() => storage);
    const tea = { kind: 'room', name: 'Tea', key: 'room:tea' };
    const omar = { kind: 'direct', name: 'Omar', key: 'dm:omar' };
    tab.saveOpenConversation('Sara', tea);
    assert.deepEqual(tab.openConversation('sara'), { me: 'Sara', kind: 'room', name: 'Tea' });
    assert.equal(tab.openConversation('omar'), null, 'not another user\'s');
    tab.saveDraft('Sara', tea, 'half a thought');
    tab.saveDraft('Sara', omar, 'hi');
    tab.saveDraft('Sara', omar, '');
    assert.deepEqual(tab.drafts('sara'), { 'room:tea': { kind: 'room', name: 'Tea', text: 'half a thought' } });
    assert.deepEqual(tab.drafts('omar'), {});
    tab.clear();
    assert.deepEqual([...storage.map.keys()], ['majlis.theme']);
    storage.setItem('majlis.open', '{oops');
    assert.equal(tab.openConversation('sara'), null);
  });
});
