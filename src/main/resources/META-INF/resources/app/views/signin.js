// Signing in: as a guest (a name) or with an account (sign in / register), logging back in
// with the token the browser kept (after a reload, in a new tab), and back to this screen on log
// out (here or in another tab) or expiry.

import { errorText, t } from '../../i18n.js';
import { loginAccount, registerAccount } from '../../majlis-client.js';
import { SESSION_KEY } from '../session-store.js';
import { client, sessionStore, state, tabStore } from '../context.js';
import { updateBanner } from './banner.js';
import { showComposerError, showFieldError, showNotice } from './common.js';
import { uploads } from './composer.js';
import { el } from './dom.js';

const MIN_PASSWORD = 8;
// bcrypt reads 72 bytes: the server refuses longer passwords
const MAX_PASSWORD_BYTES = 72;

export const showLoginError = (text) => showFieldError(el.loginError, el.loginName, text);

export function showAccountError(text, field = null) {
  el.accountError.textContent = text;
  el.accountError.hidden = !text;
  el.accountUsername.setAttribute('aria-invalid', text && field !== 'password' ? 'true' : 'false');
  el.accountPassword.setAttribute('aria-invalid', text && field !== 'username' ? 'true' : 'false');
}

function showLoginStatus(text) {
  el.loginStatus.textContent = text;
  el.loginStatus.hidden = !text;
}

let loginBusy = false;

/** Disables both login forms while a login is on its way. */
function setLoginBusy(busy, button = null) {
  loginBusy = busy;
  for (const b of [el.loginSubmit, el.accountSignin, el.accountRegister]) b.disabled = busy;
  if (busy && button) button.textContent = t(button === el.loginSubmit ? 'login.connecting' : 'account.working');
  if (!busy) {
    el.loginSubmit.textContent = t('login.submit');
    el.accountSignin.textContent = t('account.signin');
    el.accountRegister.textContent = t('account.register');
  }
}

export async function onLoginSubmit(event) {
  event.preventDefault();
  if (loginBusy) return;
  const username = el.loginName.value.trim().normalize('NFC');
  if (!username) {
    showLoginError(t('error.empty_name'));
    el.loginName.focus();
    return;
  }
  setLoginBusy(true, el.loginSubmit);
  showLoginError('');
  showAccountError('');
  try {
    await client.login({ username });
    // The 'welcome' handler switches to the chat view.
  } catch (e) {
    showLoginError(errorText(e.code || 'disconnected'));
    el.loginName.focus();
    el.loginName.select();
  } finally {
    setLoginBusy(false);
  }
}

/** Text for a failed sign-in or registration, and the field it is about. */
function accountErrorText(e) {
  switch (e.code) {
    case 'auth_failed': return [t('account.wrong_password'), null];
    case 'username_taken': return [t('account.name_taken'), 'username'];
    case 'username_invalid': return [t('account.name_invalid'), 'username'];
    case 'invalid_payload': return [t('account.short_password'), 'password'];
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((Number(e.payload?.retryAfterMs) || 1000) / 1000));
      return [t('account.too_many', { seconds }), null];
    }
    case 'disconnected': case 'timeout': return [errorText(e.code), null];
    default:
      return [e.payload?.status ? t('account.server_error', { status: e.payload.status }) : errorText(e.code), null];
  }
}

/** Sign in (or, with `register`, create the account first), then log in with the token. */
export async function onAccountSubmit(register) {
  if (loginBusy) return;
  const username = el.accountUsername.value.trim().normalize('NFC');
  const password = el.accountPassword.value;
  showLoginError('');
  if (!username || !password) {
    showAccountError(t('account.empty'), !username ? 'username' : 'password');
    (!username ? el.accountUsername : el.accountPassword).focus();
    return;
  }
  if (register && [...password].length < MIN_PASSWORD) {
    showAccountError(t('account.short_password'), 'password');
    el.accountPassword.focus();
    return;
  }
  if (register && new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    showAccountError(t('account.long_password'), 'password');
    el.accountPassword.focus();
    return;
  }
  setLoginBusy(true, register ? el.accountRegister : el.accountSignin);
  showAccountError('');
  try {
    if (register) await registerAccount(username, password);
    const issued = await loginAccount(username, password);
    await client.login({ token: issued.token });
    el.accountPassword.value = '';
  } catch (e) {
    const [text, field] = accountErrorText(e);
    showAccountError(text, field);
    if (field === 'username') el.accountUsername.focus();
    else el.accountPassword.focus();
  } finally {
    setLoginBusy(false);
  }
}

/** A reload or a new tab: log back in with the token the browser kept. */
export async function restoreSession(saved) {
  setLoginBusy(true);
  showLoginStatus(t('login.restoring'));
  try {
    await client.login({ token: saved.token });
  } catch (e) {
    if (e.code === 'auth_failed') sessionStore.clear();
    const text = errorText(e.code === 'auth_failed' ? 'session_expired' : e.code || 'disconnected');
    if (saved.guest) {
      el.loginName.value = saved.username || '';
      showLoginError(text);
    } else {
      el.accountUsername.value = saved.username || '';
      showAccountError(text, null);
    }
  } finally {
    showLoginStatus('');
    setLoginBusy(false);
  }
}

export function showView(view) {
  state.view = view;
  el.loginView.hidden = view !== 'login';
  el.chatView.hidden = view !== 'chat';
  updateBanner();
}

export function backToLogin(errorCode) {
  const wasGuest = state.guest;
  const name = state.me;
  state.forgetUser();
  el.editBar.hidden = true;
  uploads.clear();
  for (const dialog of [el.roomDialog, el.browseDialog, el.directDialog, el.settingsDialog]) if (dialog.open) dialog.close();
  el.messageList.replaceChildren();
  el.historyStatus.hidden = true;
  showComposerError('');
  showNotice('');
  showView('login');
  showLoginStatus('');
  if (errorCode) {
    if (wasGuest) {
      if (name) el.loginName.value = name;
      showLoginError(errorText(errorCode));
    } else {
      if (name) el.accountUsername.value = name;
      showAccountError(errorText(errorCode));
    }
  }
  (wasGuest ? el.loginName : el.accountUsername).focus();
}

export function logOut() {
  client.logout();
  sessionStore.clear();
  tabStore.clear();
  backToLogin();
  el.accountPassword.value = '';
}

/**
 * The session changed in another tab (`storage` event): logged out there, this tab follows (the
 * server has ended the session: the socket just closes); signed in there, this tab signs in too.
 */
export function onSessionStorage(event) {
  if (event.key !== SESSION_KEY && event.key !== null) return;
  const saved = sessionStore.savedSession();
  if (!saved && state.view === 'chat') {
    client.close(1000, 'logout');
    client.session = null;
    tabStore.clear();
    backToLogin();
  } else if (saved && state.view === 'login' && !loginBusy) {
    restoreSession(saved);
  }
}
