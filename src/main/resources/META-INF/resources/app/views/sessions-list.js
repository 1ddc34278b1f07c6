// The account's sessions in "My account": where it is signed in, since when and when last used,
// each with "Sign out" (this browser's own is marked, and ended by "Log out" instead).

import { errorText, getLocale, t } from '../../i18n.js';
import { client } from '../context.js';
import { listSessions, revokeSession } from '../../majlis-client.js';
import { el } from './dom.js';

const auth = () => ({ token: client.session?.token });

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(getLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

function sessionItem(session) {
  const li = document.createElement('li');
  li.className = 'session-item';
  li.dataset.testid = 'session';
  li.dataset.sessionId = session.id;
  const text = document.createElement('div');
  text.className = 'session-text';
  const title = document.createElement('span');
  title.className = 'session-title';
  title.textContent = t(session.current ? 'me.session_current' : 'me.session_other');
  const times = document.createElement('span');
  times.className = 'hint';
  times.textContent = t('me.session_times', { created: when(session.createdAt), used: when(session.lastUsedAt) });
  text.append(title, times);
  li.append(text);
  if (!session.current) {
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'button secondary small';
    revoke.dataset.testid = 'session-revoke';
    revoke.dataset.sessionId = session.id;
    revoke.textContent = t('me.session_revoke');
    revoke.setAttribute('aria-label', t('me.session_revoke_label', { created: when(session.createdAt) }));
    li.append(revoke);
  }
  return li;
}

function showError(text) {
  el.sessionsError.textContent = text;
  el.sessionsError.hidden = !text;
}

/** Lists the account's live sessions (again). */
export async function loadSessions() {
  showError('');
  try {
    const { sessions = [] } = await listSessions(auth());
    el.sessionList.replaceChildren(...sessions.map(sessionItem));
  } catch (e) {
    showError(errorText(e.code));
  }
}

async function onSessionListClick(event) {
  const button = event.target.closest('button[data-session-id]');
  if (!button) return;
  button.disabled = true;
  try {
    await revokeSession(button.dataset.sessionId, auth());
  } catch (e) {
    // already ended elsewhere (404): the list below no longer has it either
    if (e.code !== 'not_found') showError(errorText(e.code));
  }
  await loadSessions();
  // the button is gone with its session: the focus goes to another one, not to the page
  (el.sessionList.querySelector('button') || el.signOutEverywhere).focus();
}

export function wireSessionsList() {
  el.sessionList.addEventListener('click', onSessionListClick);
}
