// A room's controls on screen: its topic under the title, "Room settings" for its owner and the
// administrators (topic, read-only, delete), the banned list for its moderators, and a composer
// closed (with the reason, and until when) to someone muted or not allowed to post.

import { t } from '../../i18n.js';
import { client, state } from '../context.js';
import { askRoomControls } from '../moderation.js';
import { MAX_TOPIC, canManage, canModerate, composerBlock } from '../moderation-model.js';
import { GENERAL, sameName } from '../state.js';
import { confirmThen, runCommand } from './common.js';
import { el } from './dom.js';
import { askForm, button } from './form-dialog.js';
import { untilText } from './mod-actions.js';

const $ = (id) => document.getElementById(id);
const parts = {
  topic: $('conversation-topic'),
  settings: $('room-settings'),
  bannedSection: $('banned-section'),
  bannedList: $('banned-list'),
  blocked: $('composer-blocked'),
};

let reopenTimer = null;   // opens the composer again when our mute ends

/** Called at the end of renderHeader: everything of the open conversation's controls. */
export function renderRoomControls(conv) {
  askRoomControls(conv);
  const room = conv.kind === 'room';
  parts.topic.textContent = room ? conv.topic : '';
  parts.topic.title = parts.topic.textContent;
  parts.topic.hidden = !parts.topic.textContent;
  // After the header's subtitle ("Public room · 3 members"), which renderHeader has just set.
  if (room && conv.readOnly) el.subtitle.textContent += ` · ${t('moderation.read_only_mark')}`;
  parts.settings.hidden = !canManage(conv, state.me, state.admin);
  renderBanned(conv);
  renderComposerBlock(conv);
}

function renderBanned(conv) {
  const banned = canModerate(conv, state.me, state.admin) && Array.isArray(conv.banned) ? conv.banned : [];
  parts.bannedSection.hidden = banned.length === 0;
  parts.bannedList.replaceChildren(...banned.map((name) => {
    const li = document.createElement('li');
    li.className = 'member';
    li.dataset.testid = 'banned-member';
    li.dataset.username = name;
    const label = document.createElement('bdi');
    label.textContent = name;
    const unban = button('button', 'link-button member-action', 'member-unban', t('moderation.unban'));
    unban.dataset.modAction = 'unban';
    unban.dataset.username = name;
    li.append(label, unban);
    return li;
  }));
}

function renderComposerBlock(conv) {
  clearTimeout(reopenTimer);
  const block = composerBlock(conv, state.me, state.admin);
  parts.blocked.textContent = !block ? ''
    : block.reason === 'muted' ? t('moderation.composer_muted', { time: untilText(block.until) })
      : t('moderation.composer_read_only');
  parts.blocked.hidden = !block;
  for (const control of [el.composer, el.send, el.attach, el.emojiButton]) control.disabled = Boolean(block);
  if (block?.until) {
    // A day at most (a timer overflows after 24.8 days): at its end the wait starts again.
    const wait = Math.min(block.until.getTime() - Date.now() + 500, 86_400_000);
    reopenTimer = setTimeout(() => {
      if (state.activeConversation() === conv) renderComposerBlock(conv);
    }, wait);
  }
}

/** "Room settings": topic and read-only saved together; "Delete the room" asks again, then deletes. */
export async function openRoomSettings() {
  const conv = state.activeConversation();
  if (!canManage(conv, state.me, state.admin)) return;
  const deletable = !sameName(conv.name, GENERAL);
  const values = await askForm({
    title: t('moderation.settings_title', { room: conv.name }), submit: t('moderation.save'), testid: 'room-settings-dialog',
    fields: [
      ...(deletable ? [{ name: 'name', kind: 'text', label: t('moderation.room_name'), value: conv.name, maxLength: 32 }] : []),
      { name: 'topic', kind: 'textarea', label: t('moderation.topic'), value: conv.topic, maxLength: MAX_TOPIC },
      { name: 'readOnly', kind: 'checkbox', label: t('moderation.read_only'), value: conv.readOnly },
    ],
    extra: (close) => {
      if (!deletable) return [];
      const remove = button('button', 'button danger', 'delete-room', t('moderation.delete_room'));
      remove.addEventListener('click', () => confirmThen(remove, 'moderation.confirm_delete_room', async () => {
        close();
        await runCommand(client.deleteRoom(conv.name));
      }));
      return [remove];
    },
  });
  if (!values) return;
  const changes = {};
  if (values.topic !== conv.topic) changes.topic = values.topic;
  if (values.readOnly !== conv.readOnly) changes.readOnly = values.readOnly;
  if (Object.keys(changes).length > 0) await runCommand(client.updateRoom(conv.name, changes));
  if (deletable && values.name && values.name !== conv.name) await runCommand(client.renameRoom(conv.name, values.name));
}
