// Unit tests of app/messages-model.js (a conversation's message list, no DOM).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Conversation } from '../../../main/resources/META-INF/resources/app/state.js';
import {
  applyReaction, insertMessages, lastMessage, markAllRead, messageId, noteOwnRead, noteReadSeqs, quoteOf, refreshQuotes,
  unreadFromServer,
} from '../../../main/resources/META-INF/resources/app/messages-model.js';

const msg = (id, seq, from = 'omar', extra = {}) => ({ id: String(id), seq, from, room: 'tea', message: `m${id}`, ...extra });
const seqs = (conv) => conv.messages.map((m) => m.seq);

describe('messages model', () => {
  test('each message once, by id', () => {
    const conv = new Conversation('room', 'tea');
    const first = insertMessages(conv, [msg(1, 1), msg(2, 2)], { me: 'sara' });
    assert.equal(first.fresh.length, 2);
    const again = insertMessages(conv, [msg(2, 2), msg(1, 1), msg(3, 3)], { me: 'sara', mode: 'gap' });
    assert.deepEqual(again.fresh.map((m) => m.id), ['3']);
    assert.deepEqual(seqs(conv), [1, 2, 3]);
    assert.equal(conv.byId.size, 3);
    assert.equal(conv.lastSeq, 3);
  });

  test('messages without an id are told apart by sender, seq and time', () => {
    const conv = new Conversation('room', 'tea');
    const old = { from: 'omar', seq: 4, sent: '10:00', message: 'x' };
    assert.equal(messageId(old), 'omar|4|10:00');
    insertMessages(conv, [old, { ...old }], { me: 'sara' });
    assert.equal(conv.messages.length, 1);
  });

  test('kept in seq order whatever the arrival order', () => {
    const conv = new Conversation('room', 'tea');
    insertMessages(conv, [msg(5, 5), msg(6, 6)], { mode: 'newest' });
    const older = insertMessages(conv, [msg(2, 2), msg(3, 3)], { mode: 'older' });
    assert.equal(older.appendedInOrder, false);
    const live = insertMessages(conv, [msg(7, 7)]);
    assert.equal(live.appendedInOrder, true);
    insertMessages(conv, [msg(4, 4)], { mode: 'gap' });
    assert.deepEqual(seqs(conv), [2, 3, 4, 5, 6, 7]);
  });

  test('unread: live and caught-up messages of others, unless read or being read', () => {
    const conv = new Conversation('room', 'tea');
    conv.readSeq = 2;
    insertMessages(conv, [msg(1, 1), msg(2, 2)], { mode: 'gap', me: 'sara' });
    assert.equal(conv.unread, 0, 'already read up to seq 2');
    insertMessages(conv, [msg(3, 3), msg(4, 4, 'Sara')], { mode: 'live', me: 'sara' });
    assert.equal(conv.unread, 1, 'our own message is not unread');
    insertMessages(conv, [msg(5, 5)], { mode: 'gap', me: 'sara' });
    assert.equal(conv.unread, 2);
    insertMessages(conv, [msg(6, 6)], { mode: 'live', me: 'sara', reading: true });
    insertMessages(conv, [msg(7, 7)], { mode: 'newest', me: 'sara' });
    insertMessages(conv, [msg(0.5, 0.5)], { mode: 'older', me: 'sara' });
    insertMessages(conv, [msg(3, 3)], { mode: 'live', me: 'sara' });
    assert.equal(conv.unread, 2);
    assert.equal(markAllRead(conv), true);
    assert.equal(conv.unread, 0);
    assert.equal(conv.readSeq, 7);
    assert.equal(markAllRead(conv), false, 'nothing new to mark');
  });

  test('a history copy refreshes edits, deletes and reactions; a live duplicate does not', () => {
    const conv = new Conversation('room', 'tea');
    insertMessages(conv, [msg(1, 1)]);
    const live = insertMessages(conv, [msg(1, 1, 'omar', { message: 'changed' })], { mode: 'live' });
    assert.deepEqual(live.refreshed, []);
    const copy = insertMessages(conv, [msg(1, 1, 'omar', { message: 'edited', edited: true })], { mode: 'gap' });
    assert.equal(copy.refreshed.length, 1);
    assert.equal(conv.byId.get('1').message, 'edited');
    assert.equal(conv.byId.get('1').edited, true);
  });

  test('read marks: ours from another device, the others from history pages', () => {
    const conv = new Conversation('direct', 'omar');
    insertMessages(conv, [msg(1, 1), msg(2, 2), msg(3, 3)], { me: 'sara' });
    assert.equal(conv.unread, 3);
    assert.equal(noteOwnRead(conv, 2), true);
    assert.equal(conv.unread, 3, 'not everything read yet');
    assert.equal(noteOwnRead(conv, 1), false, 'marks never go back');
    assert.equal(noteOwnRead(conv, 3), true);
    assert.equal(conv.unread, 0);
    noteReadSeqs(conv, { Omar: 2, sara: 3, nobody: 0 }, 'Sara');
    noteReadSeqs(conv, { omar: 1 }, 'Sara');
    assert.deepEqual([...conv.readBy.entries()], [['omar', { name: 'Omar', seq: 2 }]]);
  });

  test("the server's unread count is capped by what this tab has read", () => {
    const conv = new Conversation('room', 'tea');
    assert.equal(unreadFromServer(conv, 5, 10), 5);
    assert.equal(unreadFromServer(conv, -1, 10), 0);
    conv.readSeq = 8;
    assert.equal(unreadFromServer(conv, 5, 10), 2);
  });

  test('the newest message: loaded, or fetched for the preview when newer', () => {
    const conv = new Conversation('room', 'tea');
    assert.equal(lastMessage(conv), null);
    conv.latest = msg(9, 9);
    assert.equal(lastMessage(conv).id, '9');
    insertMessages(conv, [msg(10, 10)]);
    assert.equal(lastMessage(conv).id, '10');
  });

  test('reactions: one per user and emoji, the emoji gone with its last user', () => {
    const m = msg(1, 1);
    applyReaction(m, '👍', 'sara', true);
    applyReaction(m, '👍', 'Sara', true);
    applyReaction(m, '👍', 'omar', true);
    assert.deepEqual(m.reactions, { '👍': ['Sara', 'omar'] });
    applyReaction(m, '👍', 'SARA', false);
    applyReaction(m, '👍', 'omar', false);
    assert.deepEqual(m.reactions, {});
  });

  test('quotes of replies follow an edit and a delete of their original', () => {
    const conv = new Conversation('room', 'tea');
    const original = msg(1, 1, 'sara', { message: `${'x'.repeat(199)}😀 and more` });
    assert.deepEqual(quoteOf(original), { id: '1', from: 'sara', message: `${'x'.repeat(199)}😀` }, '200 code points');
    insertMessages(conv, [original, msg(2, 2, 'omar', { replyTo: quoteOf(original) }), msg(3, 3)]);
    assert.deepEqual(refreshQuotes(conv, '1', 'fixed').map((m) => m.seq), [2]);
    assert.deepEqual(conv.byId.get('2').replyTo, { id: '1', from: 'sara', message: 'fixed' });
    refreshQuotes(conv, '1', null);
    assert.deepEqual(conv.byId.get('2').replyTo, { id: '1', deleted: true });
    assert.deepEqual(refreshQuotes(conv, '9', null), []);
  });

  test('our message shown from its ack takes the mentions of its echo; a live copy changes nothing else', () => {
    const conv = new Conversation('room', 'tea');
    insertMessages(conv, [msg(1, 1, 'sara', { message: '@omar hi' })], { mode: 'live', me: 'sara' });
    const echo = msg(1, 1, 'sara', { message: 'other', mentions: ['omar'] });
    const { refreshed } = insertMessages(conv, [echo], { mode: 'live', me: 'sara' });
    assert.deepEqual(refreshed.map((m) => m.id), ['1']);
    assert.deepEqual(conv.byId.get('1').mentions, ['omar']);
    assert.equal(conv.byId.get('1').message, '@omar hi');
  });

  test('unread mentions of us count apart, and reading clears them', () => {
    const conv = new Conversation('room', 'tea');
    insertMessages(conv, [msg(1, 1, 'omar', { mentions: ['Sara'] }), msg(2, 2, 'omar')], { mode: 'live', me: 'sara' });
    assert.deepEqual([conv.unread, conv.unreadMentions], [2, 1]);
    markAllRead(conv);
    assert.deepEqual([conv.unread, conv.unreadMentions], [0, 0]);
  });
});
