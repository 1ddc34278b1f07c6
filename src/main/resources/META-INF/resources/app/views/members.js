// The members panel of the open room: who is in it (in a big room a page at a time, with a filter
// by the start of a name), inviting someone, leaving the room.

import { errorText, t } from '../../i18n.js';
import { client, state } from '../context.js';
import { firstMatching } from '../name-lists.js';
import { showingPresence } from '../presence.js';
import { fold, isGroupRoom, sameName } from '../state.js';
import { confirmThen, loadMoreKeepingFocus, replaceKeepingFocus, runCommand, sendErrorText, whenTypingPauses } from './common.js';
import { el } from './dom.js';
import { memberModeration } from './mod-actions.js';
import { presenceText } from './sidebar.js';

const MEMBERS_PAGE = 50;    // a room with more members gets the filter and "More members"

// What the panel shows of the open room: the filter typed and how many members.
const shown = { key: null, prefix: '', count: MEMBERS_PAGE };

export function renderMembers() {
  const conv = state.activeConversation();
  const open = state.membersOpen && isGroupRoom(conv);
  el.membersPanel.hidden = !open;
  el.membersToggle.setAttribute('aria-expanded', String(open));
  el.membersToggle.textContent = conv?.memberCount != null
    ? `${t('rooms.members')} (${conv.memberCount})` : t('rooms.members');
  if (!open) {
    showingPresence('members', []);
    return;
  }
  if (shown.key !== conv.key) {
    Object.assign(shown, { key: conv.key, prefix: '', count: MEMBERS_PAGE });
    el.memberFilter.value = '';
  }
  const members = conv.members || [];
  const big = members.length > MEMBERS_PAGE;
  const { names, matching } = firstMatching(members, big ? shown : { count: members.length });
  replaceKeepingFocus(el.memberList, names.map((name) => memberItem(conv, name)), 'username');
  el.memberFilterRow.hidden = !big;
  el.membersMore.hidden = names.length >= matching;
  el.membersNoMatch.hidden = matching > 0 || !big;
  el.membersNoMatch.textContent = el.membersNoMatch.hidden ? '' : t('rooms.no_member_match', { prefix: shown.prefix });
  el.membersUnknown.hidden = conv.members !== null;
  showingPresence('members', names);
}

export const onMemberFilterInput = whenTypingPauses(() => {
  Object.assign(shown, { prefix: el.memberFilter.value.trim().normalize('NFC'), count: MEMBERS_PAGE });
  renderMembers();
});

export const onMembersMore = () => loadMoreKeepingFocus(el.membersMore, el.memberList, () => {
  shown.count += MEMBERS_PAGE;
  renderMembers();
});

function memberItem(conv, name) {
  const li = document.createElement('li');
  li.className = 'member';
  li.dataset.testid = 'member';
  li.dataset.username = name;
  const dot = document.createElement('span');
  dot.className = 'status-dot';
  dot.setAttribute('aria-hidden', 'true');
  dot.dataset.status = sameName(name, state.me) ? state.myStatus : state.users.get(fold(name))?.status || 'offline';
  const label = document.createElement('bdi');
  label.textContent = name;
  li.title = sameName(name, state.me) ? t(`status.${state.myStatus}`) : presenceText(name);
  li.append(dot, label);
  if (sameName(name, conv.owner)) {
    const owner = document.createElement('span');
    owner.className = 'member-role muted';
    owner.textContent = t('rooms.owner');
    li.append(owner);
  }
  li.append(...memberModeration(conv, name));
  return li;
}

export function toggleMembers() {
  state.membersOpen = !state.membersOpen;
  showInviteStatus('');
  renderMembers();
  if (state.membersOpen) el.inviteName.focus();
  const conv = state.activeConversation();
  if (state.membersOpen && conv && conv.members === null) {
    // After a reload the page knows only the count: joining a room one is in answers with the
    // `room` event and its member list (the event handler fills it in).
    client.joinRoom(conv.name).catch(() => {});
  }
}

function showInviteStatus(text, isError = false) {
  el.inviteStatus.textContent = text;
  el.inviteStatus.hidden = !text;
  el.inviteStatus.classList.toggle('error', isError);
}

export async function onInviteSubmit(event) {
  event.preventDefault();
  const conv = state.activeConversation();
  const name = el.inviteName.value.trim().normalize('NFC');
  if (!isGroupRoom(conv) || !name) return;
  el.inviteSubmit.disabled = true;
  try {
    await client.invite(conv.name, name);
    el.inviteName.value = '';
    showInviteStatus(t('rooms.invitation_sent', { name }));
  } catch (e) {
    showInviteStatus(e.code === 'user_not_found' ? errorText('user_not_found') : sendErrorText(e), true);
  } finally {
    el.inviteSubmit.disabled = false;
  }
}

export function onLeaveClick() {
  const conv = state.activeConversation();
  if (!isGroupRoom(conv)) return;
  // The member_left event removes the room from the sidebar.
  confirmThen(el.leaveRoom, 'rooms.confirm_leave', () => runCommand(client.leaveRoom(conv.name)));
}
