// Integrations in the page: a message an incoming webhook posts shows a "bot" badge beside its
// sender's name (in English and Arabic), a person's message shows none.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, loginAs, messagesWithText, openPage, sendWithEnter } from './lib/browser.mjs';

const T = 60_000;
const ADMIN = 'hookadmin';
const PASSWORD = 'the hook admin password';

async function json(response, status) {
  assert.equal(response.status, status, `answered ${response.status}: ${await response.clone().text()}`);
  return response.json();
}

describe('integrations', { timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    [server, browser] = await Promise.all([
      startServer({ name: 'integrations', properties: { 'majlis.admins': ADMIN } }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  async function webhookOfGeneral() {
    const post = (path, body, token) => fetch(server.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    await json(await post('/api/auth/register', { username: ADMIN, password: PASSWORD }), 201);
    const { token } = await json(await post('/api/auth/login', { username: ADMIN, password: PASSWORD }), 200);
    const { path } = await json(await post('/api/rooms/general/webhooks', { name: 'ci' }, token), 201);
    return (text) => post(path, { text });
  }

  test('a webhook message has the bot badge, a person\'s has none', { timeout: T }, async () => {
    const postHook = await webhookOfGeneral();
    const { page } = await openPage(browser, server.url);
    await loginAs(page, 'reader');
    await sendWithEnter(page, 'a person speaks');
    await json(await postHook('build 42 is green'), 200);

    const hooked = messagesWithText(page, 'build 42 is green');
    await hooked.waitFor();
    assert.equal(await hooked.getByTestId('message-from').textContent(), 'ci');
    assert.equal(await hooked.getByTestId('message-bot').textContent(), 'bot');
    assert.match(await hooked.getByTestId('message-bot').getAttribute('title'), /webhook/);
    const person = messagesWithText(page, 'a person speaks');
    await person.waitFor();
    assert.equal(await person.getByTestId('message-bot').count(), 0);

    // after a reload the mark comes from history
    await page.reload();
    await messagesWithText(page, 'build 42 is green').getByTestId('message-bot').waitFor();
  });
});
