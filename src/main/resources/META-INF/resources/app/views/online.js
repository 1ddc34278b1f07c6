// The sidebar's online list. In the `all` scope everyone online, by name, as it always was; above
// the presence threshold the count ("10,234 online"), a filter by the start of a name, and the
// online directory's pages (app/online-directory.js) with a "More people" button.

import { formatCount, plural, t } from '../../i18n.js';
import { client, directory, state } from '../context.js';
import { byName } from '../name-lists.js';
import { filterOnline, loadOnlinePage, subscribedScope } from '../presence.js';
import { fold } from '../state.js';
import { loadMoreKeepingFocus, replaceKeepingFocus, whenTypingPauses } from './common.js';
import { el } from './dom.js';

export function renderOnline() {
  const subscribed = subscribedScope();
  const users = subscribed
    // Listed names whose status the page knows are online; the others went offline since.
    ? directory.names.map((name) => state.users.get(fold(name))).filter(Boolean)
    : [...state.users.values()].sort((a, b) => byName(a.username, b.username));
  replaceKeepingFocus(el.userList, users.map((user) => userItem(user)), 'username');
  el.onlineLabel.hidden = subscribed;
  el.onlineCount.textContent = !subscribed ? String(users.length)
    : client.online == null ? '' : plural('presence.online_total', client.online, { count: formatCount(client.online) });
  el.userFilterRow.hidden = !subscribed;
  el.userMore.hidden = !subscribed || directory.complete;
  el.userMore.disabled = directory.loading !== null;
  const noneToShow = users.length === 0 && (!subscribed || directory.complete);
  el.nobodyOnline.hidden = !noneToShow;
  el.nobodyOnline.textContent = !noneToShow ? ''
    : subscribed && directory.prefix ? t('presence.no_match', { prefix: directory.prefix }) : t('chat.nobody_online');
}

/** A person to open a direct conversation with: status dot, name, status (`testid` tells the lists apart). */
export function userItem(user, testid = 'user') {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'user';
  button.dataset.testid = testid;
  button.dataset.username = user.username;
  button.dataset.status = user.status;
  button.title = t('chat.direct_title', { name: user.username });

  const dot = document.createElement('span');
  dot.className = 'status-dot';
  dot.dataset.status = user.status;
  dot.setAttribute('aria-hidden', 'true');
  const name = document.createElement('bdi');
  name.className = 'user-name';
  name.dataset.testid = 'user-name';
  name.textContent = user.username;
  const status = document.createElement('span');
  status.className = 'user-status';
  status.dataset.testid = 'user-status';
  status.textContent = t(`status.${user.status}`);
  button.append(dot, name, status);
  li.append(button);
  return li;
}

export const onUserFilterInput = whenTypingPauses(
  () => filterOnline(el.userFilter.value.trim().normalize('NFC')));

export const onUserMore = () => loadMoreKeepingFocus(el.userMore, el.userList, loadOnlinePage);
