// Moderation without any DOM: a room's controls (topic, read-only, moderators, and for its
// moderators who is banned and who is muted until when) as the `room` and `room_updated` events
// give them, who may do what there (protocol.md, "Moderation"; the server decides, this only
// chooses which buttons to show), and whether the composer is open to us.

import { fold, sameName } from './state.js';

/** The mute lengths offered, in minutes (10 min, 1 h, 1 day); anything else is "custom". */
export const MUTE_CHOICES = [10, 60, 1440];
export const MAX_MUTE_MINUTES = 525600;
export const MAX_REASON = 500;
export const MAX_TOPIC = 300;

/**
 * The controls of a `room` event (`full`: a field left out is not set) or of `room_updated`
 * (carries topic, readOnly and moderators only) onto the conversation.
 */
export function applyRoomControls(conv, payload, { full = false, me = null } = {}) {
  conv.topic = typeof payload.topic === 'string' ? payload.topic : '';
  conv.readOnly = payload.readOnly === true;
  conv.moderators = Array.isArray(payload.moderators) ? payload.moderators.map(String) : [];
  if (!full) return;
  // Only moderators are told who is banned and muted (nobody: left out); others keep not knowing (null).
  const moderates = sameName(payload.owner, me) || isModerator(conv, me);
  conv.banned = Array.isArray(payload.banned) ? payload.banned.map(String) : moderates ? [] : null;
  const muted = payload.muted && typeof payload.muted === 'object' ? Object.entries(payload.muted) : [];
  // Our own mute is kept: only a moderator's `room` lists the mutes.
  const mine = conv.muted.get(fold(me));
  conv.muted = new Map(muted.filter(([, until]) => typeof until === 'string').map(([name, until]) => [fold(name), until]));
  if (mine && !conv.muted.has(fold(me))) conv.muted.set(fold(me), mine);
}

/** `member_muted`: `until` (ISO) or no longer muted (no `until`). */
export function applyMute(conv, username, until) {
  if (typeof until === 'string' && until) conv.muted.set(fold(username), until);
  else conv.muted.delete(fold(username));
}

/** A ban (or unban) seen by a moderator: the banned list, when the page has it. */
export function applyBan(conv, username, banned) {
  if (!Array.isArray(conv.banned)) return;
  conv.banned = conv.banned.filter((name) => !sameName(name, username));
  if (banned) conv.banned.push(username);
}

export const isOwner = (conv, me) => conv?.kind === 'room' && sameName(conv.owner, me);
export const isModerator = (conv, name) => conv?.kind === 'room' && (conv.moderators || []).some((m) => sameName(m, name));

/** Removes messages, kicks, bans, mutes: the room's moderators and owner, the administrators. */
export function canModerate(conv, me, admin) {
  return conv?.kind === 'room' && (admin || isOwner(conv, me) || isModerator(conv, me));
}

/** Topic, read-only, moderators, deleting the room: its owner and the administrators (`general`: only they). */
export function canManage(conv, me, admin) {
  return conv?.kind === 'room' && (admin || isOwner(conv, me));
}

/** Whether `me` may act on the member `target`: not oneself; a moderator not on the owner nor another moderator. */
export function canActOn(conv, me, admin, target) {
  if (!canModerate(conv, me, admin) || sameName(target, me)) return false;
  if (admin || isOwner(conv, me)) return true;
  return !sameName(target, conv.owner) && !isModerator(conv, target);
}

/** "Remove" on someone else's message: moderators in a room, administrators anywhere. */
export function canRemoveMessage(conv, msg, me, admin) {
  if (!msg || msg.deleted || sameName(msg.from, me)) return false;
  return conv?.kind === 'room' ? canModerate(conv, me, admin) : admin === true;
}

/** When our mute in the room ends (a Date), if it is still running at `now`. */
export function myMuteEnd(conv, me, now = Date.now()) {
  const until = conv?.muted?.get(fold(me));
  const end = until ? new Date(until) : null;
  return end && !Number.isNaN(end.getTime()) && end.getTime() > now ? end : null;
}

/**
 * Why we cannot post here now: `{ reason: 'muted', until: Date }`, `{ reason: 'read_only' }`,
 * or null when we can.
 */
export function composerBlock(conv, me, admin, now = Date.now()) {
  if (conv?.kind !== 'room') return null;
  const until = myMuteEnd(conv, me, now);
  if (until) return { reason: 'muted', until };
  if (conv.readOnly && !canModerate(conv, me, admin)) return { reason: 'read_only' };
  return null;
}

/** The end of a mute named in a `muted` error's message ("… muted in this room until <ISO>"), or null. */
export function muteEndFromError(error) {
  const match = /until (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(String(error?.message || ''));
  return match ? match[1] : null;
}

/** Minutes of a mute from the choice (a number of MUTE_CHOICES, or 'custom' with `custom` minutes); null when not valid. */
export function muteMinutes(choice, custom) {
  const minutes = choice === 'custom' ? Number(custom) : Number(choice);
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_MUTE_MINUTES ? minutes : null;
}
