// The banner over the chat while the connection is down: reconnecting (with Retry), closed (Reload);
// meanwhile the online list is shown as unknown.

import { t } from '../../i18n.js';
import { client, state } from '../context.js';
import { el } from './dom.js';

let bannerTimer = null;

export function updateBanner() {
  clearInterval(bannerTimer);
  bannerTimer = null;
  const connection = client.state;
  let text = '';
  let action = null;
  if (state.view === 'chat') {
    if (connection === 'reconnecting') {
      const seconds = Math.max(0, Math.ceil(((client.reconnectAt || 0) - Date.now()) / 1000));
      // a planned restart (1012) is said as such, not as a lost connection
      const why = client.droppedWith?.code === 1012 ? 'restarting' : 'reconnecting';
      text = !client.ws && seconds > 0 ? t(`banner.${why}_in`, { seconds }) : t(`banner.${why}`);
      action = client.ws ? null : 'retry';
      if (!client.ws && seconds > 0) bannerTimer = setInterval(updateBanner, 1000);
    } else if (connection === 'connecting') {
      text = t('banner.connecting');
    } else if (connection === 'open' && !client.user) {
      text = t('banner.logging_in');
    } else if (connection === 'closed') {
      text = t('banner.closed');
      action = 'reload';
    }
  }
  el.banner.hidden = !text;
  el.banner.dataset.state = connection;
  document.body.classList.toggle('offline', Boolean(text));
  // Without a connection nobody's presence is known: the online list says so instead of showing everyone online.
  el.userList.dataset.unknown = String(Boolean(text));
  el.onlineUnknown.hidden = !text;
  el.onlineCount.hidden = Boolean(text);
  el.bannerText.textContent = text;
  el.bannerAction.hidden = !action;
  el.bannerAction.dataset.action = action || '';
  if (action) el.bannerAction.textContent = t(action === 'retry' ? 'banner.retry' : 'banner.reload');
}

export function onBannerAction() {
  if (el.bannerAction.dataset.action === 'retry') client.reconnectNow();
  else if (el.bannerAction.dataset.action === 'reload') window.location.reload();
}
