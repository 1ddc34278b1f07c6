// Unit tests of app/state.js (what the page knows, no DOM): no server, no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChatState, GENERAL, conversationKey, fold, isGroupRoom, sameName,
} from '../../../main/resources/META-INF/resources/app/state.js';

describe('state', () => {
  test('names are compared without case, in NFC', () => {
    assert.equal(fold('Sara'), 'sara');
    assert.ok(sameName('ÉLISE', 'e\u0301lise'));
    assert.ok(!sameName('sara', null));
    assert.equal(conversationKey('room', 'General'), 'room:general');
    assert.equal(conversationKey('direct', 'Omar'), 'dm:omar');
  });

  test('a conversation is created once per key, with the read mark kept for the user', () => {
    const asked = [];
    const state = new ChatState({ readMarks: (me) => { asked.push(me); return { 'room:tea': 7 }; } });
    state.me = 'Sara';
    const tea = state.ensureConversation('room', 'tea');
    assert.equal(tea.readSeq, 7);
    assert.equal(state.ensureConversation('room', 'TEA'), tea);
    assert.equal(state.ensureConversation('direct', 'omar').readSeq, 0);
    assert.deepEqual(asked, ['Sara', 'Sara']);
  });

  test('no read marks before login', () => {
    const state = new ChatState({ readMarks: () => { throw new Error('asked without a user'); } });
    assert.equal(state.ensureConversation('room', GENERAL).readSeq, 0);
  });

  test('an event belongs to its room, or to the partner of the one who acted', () => {
    const state = new ChatState();
    state.me = 'sara';
    assert.deepEqual(state.eventConversation({ room: 'tea' }, 'omar'), ['room', 'tea']);
    assert.deepEqual(state.eventConversation({ to: 'sara' }, 'omar'), ['direct', 'omar']);
    assert.deepEqual(state.eventConversation({ to: 'omar' }, 'Sara'), ['direct', 'omar']);
    assert.deepEqual(state.eventConversation({}, 'omar'), ['room', GENERAL]);
    const dm = state.conversationOfMessage({ to: 'sara', from: 'omar', message: 'hi' });
    assert.equal(dm.key, 'dm:omar');
    assert.equal(state.knownConversation({ to: 'sara' }, 'Omar'), dm);
    assert.equal(state.knownConversation({ room: 'elsewhere' }, 'omar'), null);
  });

  test('the active conversation and the room kinds', () => {
    const state = new ChatState();
    assert.equal(state.activeConversation(), null);
    const tea = state.ensureConversation('room', 'tea');
    state.activeKey = tea.key;
    assert.equal(state.activeConversation(), tea);
    assert.ok(isGroupRoom(tea));
    assert.ok(!isGroupRoom(state.ensureConversation('room', 'General')));
    assert.ok(!isGroupRoom(state.ensureConversation('direct', 'omar')));
    assert.deepEqual(tea.target, { room: 'tea' });
  });

  test('presence: others by folded name, offline keeps last seen, our own echo sets our status', () => {
    const state = new ChatState();
    state.me = 'sara';
    state.applyPresence({ username: 'Omar', status: 'away' });
    assert.deepEqual(state.users.get('omar'), { username: 'Omar', status: 'away' });
    state.applyPresence({ username: 'omar', status: 'weird' });
    assert.equal(state.users.get('omar').status, 'online');
    state.applyPresence({ username: 'OMAR', status: 'offline', lastSeen: '2026-01-01T10:00:00Z' });
    assert.equal(state.users.has('omar'), false);
    assert.equal(state.lastSeen.get('omar'), '2026-01-01T10:00:00Z');
    state.applyPresence({ username: 'Sara', status: 'busy' });
    assert.equal(state.myStatus, 'busy');
    assert.equal(state.users.has('sara'), false);
    state.applyPresence({ username: 'sara', status: 'offline' });
    assert.equal(state.myStatus, 'busy');
  });

  test('entering the subscribed scope keeps the statuses that keep coming: direct partners and subscribed names', () => {
    const state = new ChatState();
    state.me = 'sara';
    state.ensureConversation('direct', 'Omar');
    for (const username of ['omar', 'layla', 'karim']) state.applyPresence({ username, status: 'away' });
    state.keepPresenceOf(['LAYLA']);
    assert.deepEqual([...state.users.keys()].sort(), ['layla', 'omar']);
  });

  test('forgetting the user empties what the page knew', () => {
    const state = new ChatState();
    state.me = 'sara';
    state.activeKey = state.ensureConversation('room', 'tea').key;
    state.applyPresence({ username: 'omar', status: 'online' });
    state.editing = { key: 'room:tea', messageId: '1' };
    state.forgetUser();
    assert.equal(state.me, null);
    assert.equal(state.conversations.size, 0);
    assert.equal(state.users.size, 0);
    assert.equal(state.activeKey, null);
    assert.equal(state.editing, null);
  });
});
