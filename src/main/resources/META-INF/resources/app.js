// The Majlis web page: login screen (guest name, or an account: sign in / register), then the
// chat (rooms, direct conversations with last-message previews, online list with last seen,
// history, unread counts in the sidebar and the tab title, typing indicators, read receipts,
// reactions, edits and deletes, file attachments, messages queued while offline), settings
// (language, theme, desktop notifications), message search and a live region that reads new messages out. Above
// the server's presence threshold the online list and big rooms' members come a page at a time,
// and the page subscribes to the presence of whom it shows; "New message" finds anyone by name.
//
// Rule for everything below: user-supplied text (names, messages) reaches the DOM only through
// textContent / createTextNode / attribute setters, never through innerHTML.
//
// This file wires the modules under app/ together (README.md, "How it is built", lists them).

import { preferredLocale } from './i18n.js';
import { listen } from './app/connection.js';
import { client, preferences, sessionStore, state } from './app/context.js';
import { AutoAway } from './app/away.js';
import { loadOlder } from './app/history.js';
import { wireModeration } from './app/moderation.js';
import { ACTIVE_AT_KEY, LANGUAGE_KEY, THEME_KEY } from './app/session-store.js';
import { isReading, markRead } from './app/updates.js';
import { initAccount } from './app/views/account.js';
import { onBannerAction } from './app/views/banner.js';
import {
  composerChanged, onComposerInput, onComposerKeydown, onComposerPaste, onEmojiButton, onFilesPicked, onMessageListClick,
  sendCurrent, stopEditing, wireFileDrop,
} from './app/views/composer.js';
import { openConversation, openDirect, toggleMute } from './app/views/conversation.js';
import { el } from './app/views/dom.js';
import { onPointerDownOutside } from './app/views/emoji-picker.js';
import { onImageClick, wireImageViewer } from './app/views/image-viewer.js';
import {
  onInviteSubmit, onLeaveClick, onMemberFilterInput, onMembersMore, toggleMembers,
} from './app/views/members.js';
import { wireMentionPicker } from './app/views/mention-picker.js';
import { closeMessageMenu, wireMessageKeys } from './app/views/message-keys.js';
import { cancelReply } from './app/views/reply.js';
import { closeReactionPicker, isNearBottom, onListMediaLoad, scrollToBottom } from './app/views/message-list.js';
import { isSearchShortcut, openSearch, wireSearch } from './app/views/search.js';
import { isSwitcherShortcut, openSwitcher, wireSwitcher } from './app/views/switcher.js';
import { renderJumpButton } from './app/views/timeline-view.js';
import { onDirectNameInput, onDirectSubmit, onSuggestionClick, openNewDirect } from './app/views/new-message.js';
import { onUserFilterInput, onUserMore } from './app/views/online.js';
import {
  loadBrowsePage, onBrowseListClick, onInvitationClick, onRoomFormSubmit, openBrowseRooms, openCreateRoom,
} from './app/views/rooms.js';
import { applyLanguage, applyTheme, chooseLanguage, chooseTheme, onNotifyToggle, openSettings } from './app/views/settings.js';
import { closeSidebar, onStatusChange, openSidebar, renderSidebar, setMyStatus, sidebarOpen } from './app/views/sidebar.js';
import {
  logOut, onAccountSubmit, onLoginSubmit, onSessionStorage, restoreSession, showAccountError, showLoginError,
  showView,
} from './app/views/signin.js';

// Away after a while without activity in any tab, if the user had chosen online (only while on the chat screen).
const away = new AutoAway(() => (state.view === 'chat' ? state.myStatus : null), setMyStatus, {
  get: () => preferences.get(ACTIVE_AT_KEY),
  set: (value) => preferences.set(ACTIVE_AT_KEY, value),
});

// Exposed for debugging from the browser console and for tests.
window.majlis = { client, state, away };

/** Alt+ArrowUp / Alt+ArrowDown: the previous / next conversation in the sidebar's order. */
function stepConversation(step) {
  const keys = [...el.sidebar.querySelectorAll('[data-testid="conversation"]')].map((b) => b.dataset.conversation);
  const next = keys[keys.indexOf(state.activeKey) + step];
  if (next) openConversation(next);
}

function onGlobalKeydown(event) {
  if (isSwitcherShortcut(event) && state.view === 'chat') {
    event.preventDefault();
    openSwitcher();
    return;
  }
  if (isSearchShortcut(event) && state.view === 'chat') {
    event.preventDefault();
    openSearch();
    return;
  }
  if (event.key === 'Escape' && !event.defaultPrevented) {
    if (closeReactionPicker({ focusToggle: true }) || closeMessageMenu({ focusToggle: true })) return;
    if (sidebarOpen()) {
      closeSidebar();
      el.menuToggle.focus();
    }
    return;
  }
  if (event.altKey && state.view === 'chat' && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    stepConversation(event.key === 'ArrowUp' ? -1 : 1);
  }
}

function init() {
  applyTheme(preferences.get(THEME_KEY));
  applyLanguage(preferences.get(LANGUAGE_KEY) || preferredLocale());

  el.loginForm.addEventListener('submit', onLoginSubmit);
  el.loginName.addEventListener('input', () => showLoginError(''));
  el.accountForm.addEventListener('submit', (event) => {
    event.preventDefault();
    onAccountSubmit(false);
  });
  el.accountRegister.addEventListener('click', () => onAccountSubmit(true));
  for (const input of [el.accountUsername, el.accountPassword]) {
    input.addEventListener('input', () => { if (!el.accountError.hidden) showAccountError(''); });
  }
  el.logout.addEventListener('click', logOut);

  el.composerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sendCurrent();
  });
  el.composer.addEventListener('keydown', onComposerKeydown);
  el.composer.addEventListener('input', onComposerInput);
  window.addEventListener('resize', composerChanged, { passive: true });
  el.replyCancel.addEventListener('click', () => {
    cancelReply();
    el.composer.focus();
  });
  el.editCancel.addEventListener('click', () => {
    stopEditing();
    el.composer.focus();
  });
  el.messageList.addEventListener('click', onMessageListClick);
  el.messageList.addEventListener('click', onImageClick);
  wireImageViewer();
  el.composer.addEventListener('paste', onComposerPaste);
  el.messageList.addEventListener('load', onListMediaLoad, true);
  wireMessageKeys();
  wireSwitcher();
  wireSearch();
  wireMentionPicker();
  el.scroller.addEventListener('scroll', () => {
    state.pinnedToBottom = isNearBottom();
    renderJumpButton();
    if (el.scroller.scrollTop < 120) loadOlder(state.activeConversation());
  }, { passive: true });
  el.jumpLatest.addEventListener('click', () => {
    scrollToBottom();
    el.composer.focus();
  });
  el.attach.addEventListener('click', () => el.fileInput.click());
  el.emojiButton.addEventListener('click', onEmojiButton);
  document.addEventListener('pointerdown', onPointerDownOutside);
  el.fileInput.addEventListener('change', () => {
    onFilesPicked(el.fileInput.files);
    el.fileInput.value = '';
  });
  wireFileDrop();

  el.newRoom.addEventListener('click', openCreateRoom);
  el.browseRooms.addEventListener('click', openBrowseRooms);
  el.roomForm.addEventListener('submit', onRoomFormSubmit);
  el.roomCancel.addEventListener('click', () => el.roomDialog.close());
  el.browseClose.addEventListener('click', () => el.browseDialog.close());
  el.browseList.addEventListener('click', onBrowseListClick);
  el.browseMore.addEventListener('click', () => loadBrowsePage(state.browseNext));
  el.invitationList.addEventListener('click', onInvitationClick);
  el.membersToggle.addEventListener('click', toggleMembers);
  el.memberFilter.addEventListener('input', onMemberFilterInput);
  el.membersMore.addEventListener('click', onMembersMore);
  el.userFilter.addEventListener('input', onUserFilterInput);
  el.userMore.addEventListener('click', onUserMore);
  el.newDirect.addEventListener('click', openNewDirect);
  el.directForm.addEventListener('submit', onDirectSubmit);
  el.directName.addEventListener('input', onDirectNameInput);
  el.directSuggestions.addEventListener('click', onSuggestionClick);
  el.directCancel.addEventListener('click', () => el.directDialog.close());
  el.inviteForm.addEventListener('submit', onInviteSubmit);
  el.leaveRoom.addEventListener('click', onLeaveClick);
  el.statusSelect.addEventListener('change', () => {
    onStatusChange();
    away.chosen();
  });
  el.muteToggle.addEventListener('click', toggleMute);
  el.bannerAction.addEventListener('click', onBannerAction);
  el.menuToggle.addEventListener('click', () => {
    if (sidebarOpen()) closeSidebar();
    else openSidebar();
  });
  el.scrim.addEventListener('click', closeSidebar);
  document.addEventListener('keydown', onGlobalKeydown);
  el.skipLink.addEventListener('click', (event) => {
    event.preventDefault();
    el.composer.focus();
  });
  el.languageToggle.addEventListener('click', () => chooseLanguage(el.languageToggle.dataset.language));
  el.languageSelect.addEventListener('change', () => chooseLanguage(el.languageSelect.value));
  el.themeSelect.addEventListener('change', () => chooseTheme(el.themeSelect.value));
  el.openSettings.addEventListener('click', openSettings);
  el.notifyToggle.addEventListener('change', onNotifyToggle);

  // Event delegation: one listener per list, items are re-rendered freely.
  el.sidebar.addEventListener('click', (event) => {
    const user = event.target.closest('[data-testid="user"]');
    if (user) {
      openDirect(user.dataset.username);
      return;
    }
    const conv = event.target.closest('[data-testid="conversation"]');
    if (conv) openConversation(conv.dataset.conversation);
  });

  document.addEventListener('visibilitychange', () => {
    const conv = state.activeConversation();
    if (conv && isReading(conv)) {
      markRead(conv);
      renderSidebar();
    }
  });

  listen();
  initAccount();
  wireModeration();
  away.start();
  window.addEventListener('storage', onSessionStorage);

  showView('login');
  const saved = sessionStore.savedSession();
  if (saved) {
    restoreSession(saved);
  } else {
    el.accountUsername.focus();
  }
}

init();
