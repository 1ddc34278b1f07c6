// Moderation from the conversation: "Report" and "Remove" on messages, and in the members panel
// the moderators' actions on each member (remove, ban, mute, unmute; make or unmake moderator for
// the owner and administrators).

import { getLocale, t } from '../../i18n.js';
import { client, state } from '../context.js';
import {
  MAX_REASON, MUTE_CHOICES, applyBan, canActOn, canManage, canRemoveMessage, isModerator, muteMinutes,
} from '../moderation-model.js';
import { fold, isGroupRoom, sameName } from '../state.js';
import { runCommand, showNotice } from './common.js';
import { renderHeader } from './conversation.js';
import { askForm } from './form-dialog.js';
import { actionButton } from './message-parts.js';
import { closeMessageMenu } from './message-keys.js';

/** "Report" (others' messages) and "Remove" (moderators, on others' messages) for a message of the open conversation. */
export function messageModerationButtons(msg) {
  const conv = state.activeConversation();
  if (!conv || msg.id == null || msg.deleted || sameName(msg.from, state.me)) return [];
  const buttons = [actionButton('report', 'report-message', t('message.report'))];
  if (canRemoveMessage(conv, msg, state.me, state.admin)) buttons.push(actionButton('remove', 'remove-message', t('message.remove')));
  return buttons;
}

const reasonField = (required) => ({
  name: 'reason', kind: 'textarea', maxLength: MAX_REASON,
  label: t(required ? 'moderation.reason_required' : 'moderation.reason_optional'),
});

async function reportMessage(msg) {
  const values = await askForm({
    title: t('moderation.report_title'), submit: t('moderation.report_send'), testid: 'report-dialog',
    fields: [reasonField(true)], check: (v) => (v.reason ? '' : t('moderation.reason_missing')),
  });
  if (values && await runCommand(client.report(msg.id, values.reason))) showNotice(t('moderation.report_sent'));
}

async function removeMessage(msg) {
  const values = await askForm({
    title: t('moderation.remove_title', { name: msg.from }), submit: t('moderation.remove_send'), testid: 'remove-dialog',
    fields: [reasonField(false)],
  });
  if (values) await runCommand(client.removeMessage(msg.id, values.reason));
}

/** Clicks on "Report" and "Remove" in the message list (the other actions are the composer's). */
export function onMessageModerationClick(event) {
  const button = event.target.closest('button[data-action="report"], button[data-action="remove"]');
  const conv = state.activeConversation();
  const msg = conv?.byId.get(button?.closest('.message')?.dataset.messageId);
  if (!msg || msg.deleted) return;
  closeMessageMenu();
  if (button.dataset.action === 'report') reportMessage(msg);
  else removeMessage(msg);
}

// ------------------------------------------------------------------ members

function memberButton(action, text, name) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button member-action';
  button.dataset.modAction = action;
  button.dataset.testid = `member-${action}`;
  button.dataset.username = name;
  button.textContent = text;
  return button;
}

/** When a mute ends, in the page's language. */
export const untilText = (iso) => new Date(iso).toLocaleString(getLocale(), { dateStyle: 'short', timeStyle: 'short' });

/** What goes after a member's name: "moderator", "muted until …", and the actions we may take. */
export function memberModeration(conv, name) {
  const nodes = [];
  if (isModerator(conv, name)) nodes.push(roleMark('moderation.moderator'));
  const muted = conv.muted.get(fold(name));
  if (muted && new Date(muted).getTime() > Date.now()) nodes.push(roleMark('moderation.muted_until', { time: untilText(muted) }));
  if (!canActOn(conv, state.me, state.admin, name)) return nodes;
  const actions = document.createElement('span');
  actions.className = 'member-actions';
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-label', t('moderation.member_actions', { name }));
  if (isGroupRoom(conv)) actions.append(memberButton('kick', t('moderation.kick'), name));
  actions.append(memberButton('ban', t('moderation.ban'), name),
    muted ? memberButton('unmute', t('moderation.unmute'), name) : memberButton('mute', t('moderation.mute'), name));
  if (canManage(conv, state.me, state.admin)) {
    actions.append(isModerator(conv, name)
      ? memberButton('unmoderate', t('moderation.unmake_moderator'), name)
      : memberButton('moderate', t('moderation.make_moderator'), name));
  }
  nodes.push(actions);
  return nodes;
}

function roleMark(key, vars) {
  const mark = document.createElement('span');
  mark.className = 'member-role muted';
  mark.textContent = t(key, vars);
  return mark;
}

async function muteMember(room, name) {
  const values = await askForm({
    title: t('moderation.mute_title', { name }), submit: t('moderation.mute'), testid: 'mute-dialog',
    fields: [
      { name: 'length', kind: 'select', label: t('moderation.mute_length'), value: MUTE_CHOICES[0],
        options: [...MUTE_CHOICES.map((m) => [String(m), t(`moderation.mute_${m}`)]), ['custom', t('moderation.mute_custom')]] },
      { name: 'minutes', kind: 'number', label: t('moderation.mute_minutes'), shownWhen: (v) => v.length === 'custom' },
      reasonField(false),
    ],
    check: (v) => (muteMinutes(v.length, v.minutes) ? '' : t('moderation.mute_invalid')),
  });
  if (values) await runCommand(client.mute(room, name, muteMinutes(values.length, values.minutes), values.reason));
}

async function withReason(titleKey, submitKey, name, testid, send) {
  const values = await askForm({ title: t(titleKey, { name }), submit: t(submitKey), testid, fields: [reasonField(false)] });
  if (values) await runCommand(send(values.reason));
}

const MEMBER_ACTIONS = {
  kick: (room, name) => withReason('moderation.kick_title', 'moderation.kick', name, 'kick-dialog',
    (reason) => client.kick(room, name, reason)),
  ban: (room, name) => withReason('moderation.ban_title', 'moderation.ban', name, 'ban-dialog',
    (reason) => client.ban(room, name, reason)),
  mute: muteMember,
  unmute: (room, name) => runCommand(client.unmute(room, name)),
  unban: (room, name) => runCommand(client.unban(room, name)),
  moderate: (room, name) => runCommand(client.setModerator(room, name, true)),
  unmoderate: (room, name) => runCommand(client.setModerator(room, name, false)),
};

/** Clicks on the members' actions and on "Unban" in the banned list. */
export async function onMemberModerationClick(event) {
  const button = event.target.closest('button[data-mod-action]');
  const conv = state.activeConversation();
  if (!button || conv?.kind !== 'room') return;
  const { modAction, username } = button.dataset;
  const done = await MEMBER_ACTIONS[modAction]?.(conv.name, username);
  // An unban sends nobody an event: the moderator's list changes here.
  if (modAction === 'unban' && done) {
    applyBan(conv, username, false);
    renderHeader();
  }
}
