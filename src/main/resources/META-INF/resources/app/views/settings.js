// Settings: interface language (and the login screen's switch), theme, desktop notifications;
// every static text of the page in the chosen language.

import { LANGUAGES, getLocale, isRightToLeft, setLocale, t } from '../../i18n.js';
import { notifier, preferences, state } from '../context.js';
import { LANGUAGE_KEY, THEME_KEY } from '../session-store.js';
import { renderChat } from './conversation.js';
import { el } from './dom.js';
import { updateTitle } from './sidebar.js';

const THEMES = ['system', 'light', 'dark'];

/** Switches the interface language: <html lang dir>, every string, and what is on screen. */
export function applyLanguage(name) {
  const locale = setLocale(name);
  document.documentElement.lang = locale;
  document.documentElement.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  applyStaticText();
  fillLanguageControls();
  if (state.view === 'chat') renderChat();
}

export function chooseLanguage(name) {
  if (!(name in LANGUAGES)) return;
  preferences.set(LANGUAGE_KEY, name);
  applyLanguage(name);
}

/** The settings' language list and the login screen's switch, each language named in itself. */
function fillLanguageControls() {
  el.languageSelect.replaceChildren(...Object.entries(LANGUAGES).map(([code, label]) => {
    const option = new Option(label, code);
    option.lang = code;
    return option;
  }));
  el.languageSelect.value = getLocale();
  const other = Object.keys(LANGUAGES).find((code) => code !== getLocale());
  el.languageToggle.textContent = LANGUAGES[other];
  el.languageToggle.lang = other;
  el.languageToggle.dataset.language = other;
}

/** 'system' follows prefers-color-scheme; 'light' and 'dark' override it (style.css, :root). */
export function applyTheme(theme) {
  const chosen = THEMES.includes(theme) ? theme : 'system';
  if (chosen === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = chosen;
  el.themeSelect.value = chosen;
}

export function chooseTheme(theme) {
  preferences.set(THEME_KEY, theme);
  applyTheme(theme);
}

export function openSettings() {
  renderNotificationSetting();
  el.settingsDialog.showModal();
  el.languageSelect.focus();
}

function renderNotificationSetting() {
  el.notifyToggle.checked = notifier.enabled;
  el.notifyToggle.disabled = !notifier.supported;
  const problem = !notifier.supported ? 'settings.notifications_unsupported'
    : notifier.permission === 'denied' ? 'settings.notifications_denied' : null;
  el.notifyStatus.textContent = problem ? t(problem) : '';
  el.notifyStatus.hidden = !problem;
}

/** The checkbox's change event is a user gesture: the browser may ask for permission here. */
export async function onNotifyToggle() {
  if (el.notifyToggle.checked) await notifier.enable();
  else notifier.disable();
  renderNotificationSetting();
}

function applyStaticText() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  updateTitle(0);
}
