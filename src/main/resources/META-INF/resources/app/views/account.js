// "My account" (accounts only; guests have no profile nor password): the profile (display name,
// status message, picture), the password, the sessions (sessions-list.js) and signing out everywhere. REST calls with this
// session's token (client/account.js); their answers and refusals show in the dialog.

import { errorText, t } from '../../i18n.js';
import {
  changePassword, getProfile, removeAvatar, signOutEverywhere, updateProfile, uploadAvatar,
} from '../../majlis-client.js';
import { client, profiles, state } from '../context.js';
import { avatarHue, initials } from '../timeline.js';
import { confirmThen, showFieldError } from './common.js';
import { el } from './dom.js';
import { fillAvatar } from './profile-view.js';
import { loadSessions, wireSessionsList } from './sessions-list.js';
import { logOut } from './signin.js';

const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
const auth = () => ({ token: client.session?.token });
let edits = 0;                    // typing in, or saving, the profile since the dialog opened

/** The button shows for an account, not for a guest. */
export function renderAccountButton() {
  el.openAccount.hidden = state.guest !== false;
}

export async function openAccount() {
  showFieldError(el.profileError, el.displayNameInput, '');
  showFieldError(el.passwordError, el.currentPassword, '');
  el.profileStatus.textContent = '';
  el.passwordStatus.textContent = '';
  el.passwordUsername.value = state.me ?? '';
  fillProfile(profiles.get(state.me));
  el.accountDialog.showModal();
  el.displayNameInput.focus();
  loadSessions();
  const opened = ++edits;
  try {
    const profile = await getProfile(state.me, auth());
    // the profile as it is now, unless the user has begun to change it meanwhile (or saved a newer one)
    if (edits !== opened) return;
    profiles.apply(profile);
    fillProfile(profile);
  } catch (e) {
    showFieldError(el.profileError, el.displayNameInput, errorText(e.code));
  }
}

function fillProfile(profile) {
  el.displayNameInput.value = profile?.displayName ?? '';
  el.statusTextInput.value = profile?.statusText ?? '';
  el.profileAvatar.textContent = initials(state.me);
  el.profileAvatar.style.setProperty('--avatar-hue', String(avatarHue(state.me)));
  fillAvatar(el.profileAvatar, state.me);
  el.avatarRemove.hidden = !profile?.avatarUrl;
}

/** A saved profile: kept, shown in the dialog, and said. */
function saved(profile, messageKey) {
  edits++;
  profiles.apply(profile);
  fillProfile(profile);
  el.profileStatus.textContent = t(messageKey);
}

async function onProfileSubmit(event) {
  event.preventDefault();
  showFieldError(el.profileError, el.displayNameInput, '');
  try {
    saved(await updateProfile({ displayName: el.displayNameInput.value, statusText: el.statusTextInput.value }, auth()),
      'me.profile_saved');
  } catch (e) {
    showFieldError(el.profileError, el.displayNameInput,
      e.code === 'invalid_payload' ? t('me.error_text') : errorText(e.code));
  }
}

async function onAvatarChosen() {
  const picture = el.avatarInput.files?.[0];
  el.avatarInput.value = '';
  if (!picture) return;
  showFieldError(el.profileError, el.displayNameInput, '');
  if (picture.size > MAX_AVATAR_BYTES) {
    showFieldError(el.profileError, el.displayNameInput, t('me.error_avatar_size'));
    return;
  }
  try {
    saved(await uploadAvatar(picture, auth()), 'me.avatar_saved');
  } catch (e) {
    const key = { too_large: 'me.error_avatar_size', invalid_payload: 'me.error_avatar_type' }[e.code];
    showFieldError(el.profileError, el.displayNameInput, key ? t(key) : errorText(e.code));
  }
}

async function onAvatarRemove() {
  try {
    saved(await removeAvatar(auth()), 'me.avatar_removed');
  } catch (e) {
    showFieldError(el.profileError, el.displayNameInput, errorText(e.code));
  }
}

async function onPasswordSubmit(event) {
  event.preventDefault();
  showFieldError(el.passwordError, el.currentPassword, '');
  el.passwordStatus.textContent = '';
  try {
    await changePassword(el.currentPassword.value, el.newPassword.value, auth());
    el.currentPassword.value = '';
    el.newPassword.value = '';
    el.passwordStatus.textContent = t('me.password_changed');
    loadSessions(); // the others ended
  } catch (e) {
    const key = { auth_failed: 'me.error_wrong_password', invalid_payload: 'me.error_new_password',
      rate_limited: 'account.too_many' }[e.code];
    const text = key ? t(key, { seconds: Math.max(1, Math.ceil((e.payload?.retryAfterMs ?? 1000) / 1000)) })
      : errorText(e.code);
    showFieldError(el.passwordError, e.code === 'auth_failed' ? el.currentPassword : el.newPassword, text);
  }
}

function onSignOutEverywhere() {
  confirmThen(el.signOutEverywhere, 'me.sign_out_everywhere_confirm', async () => {
    try {
      await signOutEverywhere(auth());
    } catch (e) {
      el.sessionsError.textContent = errorText(e.code);
      el.sessionsError.hidden = false;
      return;
    }
    el.accountDialog.close();
    logOut();
  });
}

/** Wires the dialog's controls, once. */
export function initAccount() {
  el.openAccount.addEventListener('click', openAccount);
  el.accountClose.addEventListener('click', () => el.accountDialog.close());
  el.profileForm.addEventListener('submit', onProfileSubmit);
  el.profileForm.addEventListener('input', () => { edits++; });
  el.avatarInput.addEventListener('change', onAvatarChosen);
  el.avatarRemove.addEventListener('click', onAvatarRemove);
  el.passwordForm.addEventListener('submit', onPasswordSubmit);
  el.signOutEverywhere.addEventListener('click', onSignOutEverywhere);
  wireSessionsList();
}
