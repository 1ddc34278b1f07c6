// Senders shown with their profile: the display name (the username in the title, and as the
// name when there is no display name) and the avatar picture instead of the initials. Profiles
// come later than the messages (fetched once per name, see app/profiles.js): when one arrives or
// changes, the senders already on screen are redrawn in place.

import { t } from '../../i18n.js';
import { profiles } from '../context.js';
import { shownName } from '../profiles.js';
import { sameName } from '../state.js';
import { el } from './dom.js';

/** Fills a sender's name node (a <bdi class="message-from">) for `username`; its title names the account and its status. */
export function fillSenderName(node, username) {
  const profile = profiles.get(username);
  node.textContent = shownName(profile, username);
  node.dataset.username = String(username ?? '');
  if (profile?.statusText) node.title = t('profile.title_with_status', { name: username, status: profile.statusText });
  else if (profile?.displayName) node.title = t('profile.username_title', { name: username });
  else node.removeAttribute('title');
}

/** Puts the avatar picture into an avatar node (its initials stay, under it, until it loads). */
export function fillAvatar(node, username) {
  const url = profiles.get(username)?.avatarUrl;
  const img = node.querySelector('img');
  if (!url) {
    img?.remove();
    return;
  }
  if (img?.getAttribute('src') === url) return;
  const picture = img || document.createElement('img');
  picture.className = 'avatar-picture';
  picture.alt = '';
  picture.decoding = 'async';
  picture.loading = 'lazy';
  picture.dataset.testid = 'avatar-picture';
  picture.src = url;
  if (!img) node.append(picture);
}

/** Redraws the names and avatars of `username`'s messages on screen. */
export function refreshSender(username) {
  for (const li of el.messageList.querySelectorAll('.message')) {
    if (!sameName(li.dataset.from, username)) continue;
    const name = li.querySelector('.message-from');
    if (name) fillSenderName(name, username);
    const avatar = li.querySelector('.avatar');
    if (avatar) fillAvatar(avatar, username);
  }
}

/** Wires the cache's changes to the screen, once. */
export function showProfileChanges() {
  profiles.onChange = (profile, username) => refreshSender(username);
}
