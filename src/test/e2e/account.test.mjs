// "My account" on the page: a profile (display name in any script, status, picture) shown
// beside the sender's messages to others and changed live; the password changed (the old one
// fails, the new one signs in); the sessions listed, another one signed out from the list; "Sign
// out everywhere" drops another browser of the account back to the sign-in screen.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, messagesWithText, openPage, screenshot, sendWithEnter, signIn, waitUntil } from './lib/browser.mjs';
import { pngImage } from './lib/images.mjs';

const T = 40_000;
const SARA = 'sara';
const OMAR = 'omar';
const PASSWORD = 'first password 1';
const NEW_PASSWORD = 'second password 2';

/** A login over REST: its status; the session it opens (if any) is ended again at once. */
async function login(server, username, password) {
  const answer = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (answer.ok) {
    const { token } = await answer.json();
    await fetch(`${server.url}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  }
  return answer.status;
}

describe('my account on the page', { timeout: 240_000 }, () => {
  let server;
  let browser;
  let sara;
  let omar;

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'account' }), launchBrowser()]);
    [sara, omar] = await Promise.all([openPage(browser, server.url), openPage(browser, server.url)]);
    await signIn(sara.page, SARA, PASSWORD, { register: true });
    await signIn(omar.page, OMAR, 'omar password 1', { register: true });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a guest has no account settings', { timeout: T }, async () => {
    const guest = await openPage(browser, server.url);
    await guest.page.getByTestId('login-name').fill('visitor');
    await guest.page.getByTestId('login-submit').click();
    await guest.page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await guest.page.getByTestId('open-account').isVisible(), false);
    assert.equal(await sara.page.getByTestId('open-account').isVisible(), true);
    await guest.context.close();
  });

  test('a display name and a picture show beside the messages, for others, and change live', { timeout: T }, async () => {
    const { page } = sara;
    await sendWithEnter(page, 'before the profile');
    const seen = messagesWithText(omar.page, 'before the profile');
    await seen.waitFor({ state: 'visible' });
    assert.equal(await seen.getByTestId('message-from').textContent(), SARA);

    await page.getByTestId('open-account').click();
    await page.getByTestId('account-dialog').waitFor({ state: 'visible' });
    await page.getByTestId('display-name-input').fill('  سارة ✨  ');
    await page.getByTestId('status-text-input').fill('في اجتماع');
    await page.getByTestId('profile-save').click();
    await waitUntil(() => page.getByTestId('profile-status').textContent(), { check: (text) => text === 'Profile saved.' });
    assert.equal(await page.getByTestId('display-name-input').inputValue(), 'سارة ✨', 'trimmed by the server');

    // a refusal shows in the dialog and changes nothing
    await page.getByTestId('display-name-input').fill('evil\u202Eeman');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-error').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('profile-error').textContent(), /direction-changing/);

    await page.getByTestId('avatar-input').setInputFiles({
      name: 'me.png', mimeType: 'image/png', buffer: pngImage(300, 200, (x) => (x < 150 ? [200, 30, 30] : [30, 30, 200])),
    });
    await waitUntil(() => page.getByTestId('profile-status').textContent(), { check: (text) => text === 'Picture saved.' });
    await page.getByTestId('profile-avatar').getByTestId('avatar-picture').waitFor({ state: 'visible' });
    await screenshot(page, 'account-profile.png');
    await page.getByTestId('account-close').click();

    // Omar's page heard of it (profile_changed): the message already shown changes in place
    const from = seen.getByTestId('message-from');
    await waitUntil(() => from.textContent(), { check: (text) => text === 'سارة ✨', message: 'the display name' });
    assert.equal(await from.getAttribute('title'), `@${SARA} · في اجتماع`, 'the username and the status on hover');
    const picture = seen.getByTestId('avatar').getByTestId('avatar-picture');
    await waitUntil(() => picture.evaluate((img) => img.complete && img.naturalWidth), { check: (w) => w === 128 });

    // a new page of Omar's fetches the profile itself
    await omar.page.reload();
    const again = messagesWithText(omar.page, 'before the profile');
    await waitUntil(() => again.getByTestId('message-from').textContent(), { check: (text) => text === 'سارة ✨' });
    await screenshot(omar.page, 'account-sender.png');
  });

  test('in Arabic the dialog is translated and right to left', { timeout: T }, async () => {
    const arabic = await openPage(browser, server.url, { locale: 'ar' });
    await signIn(arabic.page, OMAR, 'omar password 1');
    const { page } = arabic;
    assert.equal(await page.getByTestId('open-account').textContent(), 'حسابي');
    await page.getByTestId('open-account').click();
    assert.equal(await page.locator('#account-title').textContent(), 'حسابي');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.getByTestId('sign-out-everywhere').textContent(), 'تسجيل الخروج من كل مكان');
    await screenshot(page, 'account-arabic.png');
    await arabic.context.close();
  });

  test('a wrong current password is refused; the new one holds and the old one fails', { timeout: T }, async () => {
    const { page } = sara;
    await page.getByTestId('open-account').click();
    await page.getByTestId('current-password').fill('not my password');
    await page.getByTestId('new-password').fill(NEW_PASSWORD);
    await page.getByTestId('password-save').click();
    await page.getByTestId('password-error').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('password-error').textContent(), 'The current password is wrong.');
    assert.equal(await login(server, SARA, NEW_PASSWORD), 401);

    await page.getByTestId('current-password').fill(PASSWORD);
    await page.getByTestId('password-save').click();
    await waitUntil(() => page.getByTestId('password-status').textContent(), {
      check: (text) => text.startsWith('Password changed.'),
    });
    assert.equal(await page.getByTestId('password-error').isVisible(), false);
    assert.equal(await page.getByTestId('current-password').inputValue(), '', 'not left in the form');
    assert.equal(await login(server, SARA, PASSWORD), 401, 'the old password fails');
    assert.equal(await login(server, SARA, NEW_PASSWORD), 200, 'the new one signs in');
    await page.getByTestId('account-close').click();
    assert.equal(await page.getByTestId('chat').isVisible(), true, 'the session that changed it stays');
  });

  test('the sessions are listed and another one is signed out from here', { timeout: T }, async () => {
    const phone = await openPage(browser, server.url);
    await signIn(phone.page, SARA, NEW_PASSWORD);
    const { page } = sara;
    await page.getByTestId('open-account').click();
    const sessions = page.getByTestId('session');
    await waitUntil(() => sessions.count(), { check: (n) => n === 2, message: 'two sessions listed' });
    const current = sessions.filter({ hasText: 'This browser' });
    assert.equal(await current.count(), 1);
    assert.equal(await current.getByTestId('session-revoke').count(), 0, 'this one is ended by Log out');
    await sessions.filter({ hasText: 'Another browser' }).getByTestId('session-revoke').click();
    await waitUntil(() => sessions.count(), { check: (n) => n === 1, message: 'one session left' });
    await phone.page.getByTestId('login-view').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await page.getByTestId('chat').isVisible(), true, 'this browser stays signed in');
    await page.getByTestId('account-close').click();
    await phone.context.close();
  });

  test('sign out everywhere ends this session and drops another browser back to sign-in', { timeout: T }, async () => {
    const other = await openPage(browser, server.url);
    await signIn(other.page, SARA, NEW_PASSWORD);
    const { page } = sara;
    await page.getByTestId('open-account').click();
    const button = page.getByTestId('sign-out-everywhere');
    await button.click();
    assert.equal(await button.textContent(), 'Click again to sign out everywhere');
    assert.equal(await page.getByTestId('chat').isVisible(), true, 'one click does nothing yet');
    await button.click();
    await page.getByTestId('login-view').waitFor({ state: 'visible' });
    await other.page.getByTestId('login-view').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await other.page.getByTestId('chat').isVisible(), false);
    const stored = await other.page.evaluate(() => localStorage.getItem('majlis.session'));
    assert.equal(stored, null, 'the other browser forgot the dead token');
    for (const { record } of [sara, other]) assert.deepEqual(record.pageErrors, []);
    await other.context.close();
  });
});
