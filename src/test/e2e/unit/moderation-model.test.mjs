// Unit tests of app/moderation-model.js: a room's controls from its events, who may do what,
// and when the composer is closed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyBan, applyMute, applyRoomControls, canActOn, canManage, canModerate, canRemoveMessage, composerBlock,
  muteEndFromError, muteMinutes,
} from '../../../main/resources/META-INF/resources/app/moderation-model.js';
import { Conversation } from '../../../main/resources/META-INF/resources/app/state.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const LATER = '2026-11-30T11:30:00Z';

function room(owner = 'Nadia', payload = {}, me = 'Nadia') {
  const conv = new Conversation('room', 'tea');
  conv.owner = owner;
  applyRoomControls(conv, { room: 'tea', owner, ...payload }, { full: true, me });
  return conv;
}

describe('moderation model', () => {
  test('a room event sets the controls; a moderator learns the banned and muted, others not', () => {
    const conv = room('Nadia', { topic: 'Books', readOnly: true, moderators: ['Sara'], muted: { omar: LATER } }, 'Sara');
    assert.equal(conv.topic, 'Books');
    assert.equal(conv.readOnly, true);
    assert.deepEqual(conv.moderators, ['Sara']);
    assert.deepEqual(conv.banned, [], 'nobody banned is left out of the event');
    assert.equal(conv.muted.get('omar'), LATER);

    const member = room('Nadia', {}, 'Omar');
    assert.equal(member.banned, null, 'unknown to a member');
    applyBan(member, 'Ali', true);
    assert.equal(member.banned, null);
  });

  test('room_updated changes topic, read-only and moderators; a later room event keeps our own mute', () => {
    const conv = room('Nadia', { topic: 'Books' }, 'Omar');
    applyMute(conv, 'Omar', LATER);
    applyRoomControls(conv, { room: 'tea', topic: null, readOnly: false, moderators: ['Sara'] });
    assert.equal(conv.topic, '');
    assert.deepEqual(conv.moderators, ['Sara']);
    applyRoomControls(conv, { room: 'tea', owner: 'Nadia' }, { full: true, me: 'omar' });
    assert.equal(conv.muted.get('omar'), LATER);
    applyMute(conv, 'OMAR', undefined);
    assert.equal(conv.muted.size, 0);
  });

  test('bans seen by a moderator', () => {
    const conv = room('Nadia', {}, 'Nadia');
    applyBan(conv, 'Omar', true);
    applyBan(conv, 'Ali', true);
    applyBan(conv, 'omar', false);
    assert.deepEqual(conv.banned, ['Ali']);
  });

  test('who may moderate, manage and act on whom', () => {
    const conv = room('Nadia', { moderators: ['Sara', 'Huda'] });
    assert.equal(canModerate(conv, 'nadia', false), true, 'the owner, case aside');
    assert.equal(canModerate(conv, 'Sara', false), true);
    assert.equal(canModerate(conv, 'Omar', false), false);
    assert.equal(canModerate(conv, 'Omar', true), true, 'an administrator');
    assert.equal(canManage(conv, 'Sara', false), false, 'moderators do not manage');
    assert.equal(canManage(conv, 'Nadia', false), true);
    assert.equal(canActOn(conv, 'Sara', false, 'Omar'), true);
    assert.equal(canActOn(conv, 'Sara', false, 'Nadia'), false, 'not on the owner');
    assert.equal(canActOn(conv, 'Sara', false, 'Huda'), false, 'not on another moderator');
    assert.equal(canActOn(conv, 'Nadia', false, 'Huda'), true);
    assert.equal(canActOn(conv, 'Nadia', false, 'nadia'), false, 'not on oneself');
    assert.equal(canActOn(conv, 'Omar', false, 'Ali'), false);

    const direct = new Conversation('direct', 'Omar');
    const msg = { id: 'm_1', from: 'Omar', message: 'hi' };
    assert.equal(canRemoveMessage(direct, msg, 'Sara', false), false);
    assert.equal(canRemoveMessage(direct, msg, 'Sara', true), true, 'administrators anywhere');
    assert.equal(canRemoveMessage(conv, msg, 'Sara', false), true);
    assert.equal(canRemoveMessage(conv, { ...msg, from: 'Sara' }, 'Sara', false), false, 'not one\'s own');
    assert.equal(canRemoveMessage(conv, { ...msg, deleted: true }, 'Sara', false), false);
  });

  test('the composer is closed while muted, and in a read-only room to non-moderators', () => {
    const conv = room('Nadia', { readOnly: true, moderators: ['Sara'] }, 'Omar');
    assert.deepEqual(composerBlock(conv, 'Omar', false, NOW), { reason: 'read_only' });
    assert.equal(composerBlock(conv, 'Sara', false, NOW), null);
    assert.equal(composerBlock(conv, 'Omar', true, NOW), null, 'administrators post');
    conv.readOnly = false;
    assert.equal(composerBlock(conv, 'Omar', false, NOW), null);
    applyMute(conv, 'Omar', LATER);
    const block = composerBlock(conv, 'Omar', false, NOW);
    assert.equal(block.reason, 'muted');
    assert.equal(block.until.toISOString(), '2026-11-30T11:30:00.000Z');
    assert.equal(composerBlock(conv, 'Omar', false, Date.parse(LATER) + 1), null, 'the mute has ended');
    assert.equal(composerBlock(new Conversation('direct', 'Omar'), 'Sara', false, NOW), null);
  });

  test('the end of a mute from the muted error, and the mute lengths', () => {
    assert.equal(muteEndFromError({ message: 'you are muted in this room until 2026-11-30T11:30:00.123Z' }), '2026-11-30T11:30:00.123Z');
    assert.equal(muteEndFromError({ message: 'you are muted' }), null);
    assert.equal(muteEndFromError(undefined), null);
    assert.equal(muteMinutes('60'), 60);
    assert.equal(muteMinutes('custom', '90'), 90);
    assert.equal(muteMinutes('custom', '0'), null);
    assert.equal(muteMinutes('custom', '1.5'), null);
    assert.equal(muteMinutes('custom', '525601'), null);
    assert.equal(muteMinutes('custom', ''), null);
  });
});
