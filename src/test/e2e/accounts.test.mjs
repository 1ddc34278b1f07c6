// Accounts on the page: register, stay signed in across a reload, in a new tab and after a
// browser restart (token in localStorage), log out in every tab, a guest in two tabs, and the
// errors of the account form (wrong password, taken name, short password).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  launchBrowser, loginAs, openPage, openTab, screenshot, sendWithEnter, messagesWithText, signIn,
  submitAccountForm, waitUntil,
} from './lib/browser.mjs';

const T = 30_000;
const NAME = 'Noura';
const PASSWORD = 'correct horse 7';

/** What the page keeps in the browser's storage, and whether anything leaked elsewhere. */
function storage(page) {
  return page.evaluate(() => ({
    session: JSON.parse(localStorage.getItem('majlis.session') || 'null'),
    localKeys: Object.keys(localStorage),
    localValues: Object.values(localStorage).join('\n'),
    tabValues: Object.values(sessionStorage).join('\n'),
    cookie: document.cookie,
    state: window.majlis.client.state,
  }));
}

describe('accounts on the page', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let noura;
  const pages = [];

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'accounts' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('the login screen offers a guest name and an account form', { timeout: T }, async () => {
    noura = await openPage(browser, server.url);
    pages.push(noura);
    const { page } = noura;
    for (const id of ['login-name', 'login-submit', 'account-username', 'account-password', 'account-signin', 'account-register']) {
      assert.equal(await page.getByTestId(id).isVisible(), true, id);
    }
    assert.equal(await page.getByTestId('account-password').getAttribute('type'), 'password');
    assert.equal(await page.getByTestId('chat').isVisible(), false);
    await screenshot(page, 'login.png');
  });

  test('registering through the page opens the chat and keeps the token in localStorage', { timeout: T }, async () => {
    const { page } = noura;
    await signIn(page, NAME, PASSWORD, { register: true });
    assert.equal(await page.getByTestId('me-kind').textContent(), 'Account');
    const kept = await storage(page);
    assert.equal(kept.session.username, NAME);
    assert.equal(kept.session.guest, false);
    assert.match(kept.session.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT');
    assert.equal(kept.session.token, await page.evaluate(() => window.majlis.client.session.token),
      'the session token of the last welcome');
    assert.ok(!kept.tabValues.includes(kept.session.token), 'not in sessionStorage');
    assert.equal(kept.cookie, '', 'no cookie');
    // The password is not kept anywhere.
    assert.ok(!kept.localValues.includes(PASSWORD) && !kept.tabValues.includes(PASSWORD));
    assert.equal(await page.getByTestId('account-password').inputValue(), '');
    await sendWithEnter(page, 'hello as an account');
    await messagesWithText(page, 'hello as an account').waitFor({ state: 'visible' });
  });

  test('a reload logs back in with the token, without the login screen', { timeout: T }, async () => {
    const { page } = noura;
    const before = (await storage(page)).session.token;
    await page.reload();
    await page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('me-name').textContent(), NAME);
    assert.equal(await page.getByTestId('login-view').isVisible(), false);
    // Logged in with the stored token, and the new welcome's token replaced it.
    assert.deepEqual(await page.evaluate(() => window.majlis.client.credentials), { token: before });
    const after = (await storage(page)).session.token;
    assert.equal(after, await page.evaluate(() => window.majlis.client.session.token));
    // History brings back what was said before the reload.
    await messagesWithText(page, 'hello as an account').waitFor({ state: 'visible' });
  });

  test('a new tab and a restarted browser are signed in with the same session', { timeout: T }, async () => {
    const tab = await openTab(noura.context);
    pages.push(tab);
    await tab.page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await tab.page.getByTestId('me-name').textContent(), NAME);
    await messagesWithText(tab.page, 'hello as an account').waitFor({ state: 'visible' });
    // A browser restart: a new context with what the old one kept on disk.
    const restarted = await openPage(browser, server.url, { storageState: await noura.context.storageState() });
    pages.push(restarted);
    await restarted.page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await restarted.page.getByTestId('me-name').textContent(), NAME);
    await restarted.context.close();
    noura.secondTab = tab;
  });

  test('log out closes the socket, removes the token and shows the login screen in every tab', { timeout: T }, async () => {
    const { page } = noura;
    const token = (await storage(page)).session.token;
    await page.getByTestId('logout').click();
    await page.getByTestId('login-view').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('chat').isVisible(), false);
    const kept = await storage(page);
    assert.equal(kept.session, null);
    assert.deepEqual(kept.localKeys.filter((k) => k.startsWith('majlis.') && !/language|theme|active-at/.test(k)), []);
    assert.ok(!kept.localValues.includes(token) && !kept.tabValues.includes(token), 'no token left');
    assert.equal(kept.state, 'closed');
    // The other tab follows at once, without an error.
    const other = noura.secondTab.page;
    await other.getByTestId('login-view').waitFor({ state: 'visible' });
    assert.equal(await other.getByTestId('account-error').isVisible(), false);
    assert.equal(await other.evaluate(() => window.majlis.client.state), 'closed');
    await other.close();
    // The server ends the session (a moment later): the token no longer works anywhere.
    let status = 0;
    for (let i = 0; i < 50 && status !== 401; i++) {
      status = (await fetch(`${server.url}/api/users/online`, { headers: { Authorization: `Bearer ${token}` } })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 401, 'the logged-out token is refused');
    // A reload stays logged out.
    await page.reload();
    await page.getByTestId('account-username').waitFor({ state: 'visible' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await page.getByTestId('chat').isVisible(), false);
  });

  test('a wrong password shows an error and stays on the login screen', { timeout: T }, async () => {
    const { page } = noura;
    await submitAccountForm(page, NAME, 'not the password');
    const error = page.getByTestId('account-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /wrong username or password/i);
    assert.equal(await page.getByTestId('chat').isVisible(), false);
    assert.equal(await page.getByTestId('account-password').getAttribute('aria-invalid'), 'true');
    // An unknown user gets the same answer.
    await submitAccountForm(page, 'nobody-here', 'whatever123');
    await waitUntil(() => error.textContent(), { check: (t) => /wrong username or password/i.test(t), message: 'the same error' });
    // The right password then works.
    await signIn(page, NAME, PASSWORD);
  });

  test('registering a taken name, an invalid name or a short password shows an error', { timeout: T }, async () => {
    const other = await openPage(browser, server.url);
    pages.push(other);
    const { page } = other;
    const error = page.getByTestId('account-error');
    for (const [name, password, pattern] of [
      [NAME, 'another password', /already taken/i],
      ['nOURA', 'another password', /already taken/i],
      ['two words', 'another password', /not allowed/i],
      ['Fresh', 'short', /at least 8 characters/i],
    ]) {
      await submitAccountForm(page, name, password, { register: true });
      await waitUntil(async () => (await error.isVisible()) && error.textContent(), {
        check: (text) => pattern.test(text || ''), message: `the error for ${name}`,
      });
      assert.equal(await page.getByTestId('chat').isVisible(), false);
    }
    // A name held by a connected guest is taken too.
    const guest = await openPage(browser, server.url);
    pages.push(guest);
    await loginAs(guest.page, 'Zaid');
    await submitAccountForm(page, 'zaid', 'another password', { register: true });
    await waitUntil(() => error.textContent(), { check: (t) => /already taken/i.test(t), message: 'taken by a guest' });
    await screenshot(page, 'login-error.png');
  });

  test('a guest opens a second tab and is the same guest in both', { timeout: T }, async () => {
    const first = await openPage(browser, server.url);
    pages.push(first);
    await loginAs(first.page, 'Layla');
    const second = await openTab(first.context);
    pages.push(second);
    await second.page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await second.page.getByTestId('me-name').textContent(), 'Layla');
    assert.equal(await second.page.getByTestId('login-error').isVisible(), false);
    await sendWithEnter(second.page, 'from the second tab');
    await messagesWithText(first.page, 'from the second tab').waitFor({ state: 'visible' });
    // Both stay connected.
    await new Promise((r) => setTimeout(r, 1000));
    for (const { page } of [first, second]) assert.equal(await page.evaluate(() => window.majlis.client.loggedIn), true);
  });

  test('no script errors, no CSP violations', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
