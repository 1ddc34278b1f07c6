// Debian's chromium driven by playwright-core (no browser download), plus small helpers
// for the Majlis page: polling assertions, guest login, watching for dialogs and page errors.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { OUTPUT_DIR, REPO_ROOT } from './server.mjs';

export const CHROMIUM = process.env.MAJLIS_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_WAIT_MS = 5 * 60_000; // it may still be being installed by apt

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launchBrowser() {
  const deadline = Date.now() + CHROMIUM_WAIT_MS;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > deadline) {
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
    }
    await sleep(2000);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
    timeout: 60_000,
  });
}

/**
 * A page in its own browser context (own storage: a separate user), with a record of the
 * dialogs that fired (and were dismissed), uncaught page errors and console errors. `locale`
 * sets navigator.languages; `colorScheme` the prefers-color-scheme the page sees; `storageState`
 * what an earlier context kept (`context.storageState()`: a browser restarted).
 */
export async function openPage(browser, baseUrl, {
  viewport = { width: 1100, height: 760 }, locale = 'en-US', colorScheme = 'light', initScript = null,
  storageState = undefined,
} = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale, colorScheme, storageState });
  // Runs in the page before its own scripts (stubs such as a recording Notification).
  if (initScript) await context.addInitScript(initScript);
  context.setDefaultTimeout(10_000);
  return openTab(context);
}

/** Another tab of the same browser (`context`: same storage), recorded as `openPage` does. */
export async function openTab(context) {
  const page = await context.newPage();
  const record = { dialogs: [], pageErrors: [], consoleErrors: [] };
  page.on('dialog', (dialog) => {
    record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => record.pageErrors.push(String(error && error.message || error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') record.consoleErrors.push(msg.text());
  });
  await page.goto('/');
  return { page, context, record };
}

/**
 * Polls `probe` until `check(value)` is truthy (or, without `check`, until probe returns a
 * truthy value). Throws with `message` and the last value seen when `timeout` ms pass.
 */
export async function waitUntil(probe, { check = Boolean, timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error: ${lastError.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${message} (${seen})`);
    }
    await sleep(interval);
  }
}

/** Logs in on the login screen as a guest and waits for the chat view. */
export async function loginAs(page, username) {
  await page.getByTestId('login-name').fill(username);
  await page.getByTestId('login-submit').click();
  try {
    await page.getByTestId('chat').waitFor({ state: 'visible' });
  } catch (e) {
    const error = await page.getByTestId('login-error').textContent().catch(() => '');
    throw new Error(`login as ${username} did not reach the chat (login error shown: ${JSON.stringify(error)}): ${e.message}`);
  }
  await waitUntil(() => page.getByTestId('me-name').textContent(), {
    check: (name) => name === username.normalize('NFC'),
    message: `the page to show it is signed in as ${username}`,
  });
}

/** The online-list entry of a user. */
export function userEntry(page, username) {
  return page.locator(`[data-testid="user"][data-username="${cssString(username)}"]`);
}

/** The sidebar entry of a conversation ('room:general', 'dm:<name in lower case>'). */
export function conversationEntry(page, key) {
  return page.locator(`[data-testid="conversation"][data-conversation="${cssString(key)}"]`);
}

/** Message elements in the open conversation whose text is exactly `text`. */
export function messagesWithText(page, text) {
  return page.getByTestId('message').filter({
    has: page.getByTestId('message-text').getByText(text, { exact: true }),
  });
}

/** Sends a message from the composer with the Enter key. */
export async function sendWithEnter(page, text) {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
}

export async function screenshot(page, name) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = `${OUTPUT_DIR}/${name}`;
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

/** Where the README's screenshots live (src/docs/screenshots). */
export const DOCS_SCREENSHOTS = join(REPO_ROOT, 'src', 'docs', 'screenshots');

/** A screenshot in target/e2e/, copied for the README to src/docs/screenshots/<docsName>. */
export async function screenshotForDocs(page, name, docsName) {
  const path = await screenshot(page, name);
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  copyFileSync(path, join(DOCS_SCREENSHOTS, docsName));
  return path;
}

/** Creates a room through the dialog; `members` is typed into its members field. */
export async function createRoom(page, name, { isPrivate = false, members = '' } = {}) {
  await page.getByTestId('new-room').click();
  await page.getByTestId('room-name').fill(name);
  if (isPrivate) await page.getByTestId('room-private').check();
  await page.getByTestId('room-members').fill(members);
  await page.getByTestId('room-create').click();
  await page.getByTestId('room-dialog').waitFor({ state: 'hidden' });
  await waitUntil(() => page.getByTestId('conversation-title').textContent(), {
    check: (title) => title === (isPrivate ? ` ${name}` : `# ${name}`), message: `the new room ${name} to open`,
  });
}

/** The ids shown are unique and the seqs strictly ascending; returns the ids. */
export async function assertNoDuplicates(page) {
  const ids = await shownMessageIds(page);
  assert.equal(new Set(ids).size, ids.length, `duplicates among ${ids.length} messages`);
  const seqs = await page.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.seq)));
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], `seq order at ${i}: ${seqs[i - 1]} then ${seqs[i]}`);
  return ids;
}

function cssString(value) {
  return String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Fills the account form and presses "Create account" (`register`) or "Sign in". */
export async function submitAccountForm(page, username, password, { register = false } = {}) {
  await page.getByTestId('account-username').fill(username);
  await page.getByTestId('account-password').fill(password);
  await page.getByTestId(register ? 'account-register' : 'account-signin').click();
}

/** Registers (or signs in) through the page and waits for the chat view. */
export async function signIn(page, username, password, { register = false } = {}) {
  await submitAccountForm(page, username, password, { register });
  try {
    await page.getByTestId('chat').waitFor({ state: 'visible' });
  } catch (e) {
    const error = await page.getByTestId('account-error').textContent().catch(() => '');
    throw new Error(`signing in as ${username} did not reach the chat (error shown: ${JSON.stringify(error)}): ${e.message}`);
  }
  await waitUntil(() => page.getByTestId('me-name').textContent(), {
    check: (name) => name === username.normalize('NFC'),
    message: `the page to show it is signed in as ${username}`,
  });
}

/** Clicks the banner's "Retry now" until the page is connected again (after a restart). */
export async function waitReconnected(page, timeout = 60_000) {
  await waitUntil(async () => {
    const action = page.getByTestId('banner-action');
    if (await action.isVisible() && (await action.getAttribute('data-action')) === 'retry') {
      await action.click({ timeout: 1000 }).catch(() => {});
    }
    return (await page.getByTestId('banner').isHidden())
      && page.evaluate(() => window.majlis.client.loggedIn);
  }, { timeout, interval: 500, message: 'the page to be connected and logged in again' });
}

/** `data-message-id` of every message element shown, in order. */
export function shownMessageIds(page) {
  return page.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => n.dataset.messageId || `pending:${n.dataset.clientId}`));
}

/** Text of every message element shown, in order. */
export function shownMessageTexts(page) {
  return page.getByTestId('message-text').allTextContents();
}

/** Installed before the page's scripts: a Notification that records what it is asked to show,
 *  and a tab whose visibility the test sets with window.__setHidden(true | false). */
export function notificationAndVisibilityStubs() {
  window.__notifications = [];
  window.__permissionRequests = 0;
  let permission = 'default';
  window.Notification = class RecordingNotification {
    static get permission() { return permission; }

    static async requestPermission() {
      window.__permissionRequests += 1;
      permission = 'granted';
      return permission;
    }

    constructor(title, options = {}) {
      window.__notifications.push({ title, body: options.body, tag: options.tag });
    }

    close() {}
  };
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

/** Whether a locator's box lies within the message scroller's visible part. */
export function inView(locator) {
  return locator.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const view = document.getElementById('message-scroller').getBoundingClientRect();
    return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
  });
}
