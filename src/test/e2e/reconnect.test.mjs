// The page survives a server restart: banner while disconnected, automatic reconnect with
// backoff, logged in again under the same name, a message written while the server was down
// delivered once, and chatting works afterwards.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  launchBrowser, loginAs, messagesWithText, openPage, sendWithEnter, userEntry, waitUntil,
} from './lib/browser.mjs';

describe('reconnecting after a server restart', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let layla;
  let karim;

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'reconnect' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('two guests are chatting', { timeout: 30_000 }, async () => {
    layla = await openPage(browser, server.url);
    karim = await openPage(browser, server.url);
    await loginAs(layla.page, 'Layla');
    await loginAs(karim.page, 'كريم');
    await userEntry(layla.page, 'كريم').waitFor({ state: 'visible' });
    await sendWithEnter(layla.page, 'before the restart');
    await messagesWithText(karim.page, 'before the restart').waitFor({ state: 'visible' });
  });

  test('the banner shows while the server is down and goes once reconnected', { timeout: 120_000 }, async () => {
    const { port, dataDir } = server;
    await server.stop({ keepData: true });
    const banner = layla.page.getByTestId('banner');
    await banner.waitFor({ state: 'visible' });
    // A graceful stop closes with 1012: the banner says the server restarts, not that the connection was lost.
    await waitUntil(() => banner.textContent(), {
      check: (text) => /server is restarting/i.test(text) && /reconnect/i.test(text),
      message: 'the banner to say the server restarts and the page reconnects',
    });
    assert.equal(await karim.page.getByTestId('banner').isVisible(), true);
    // A message written while disconnected waits on the page, marked as such, to go out later.
    await sendWithEnter(layla.page, 'typed while offline');
    const waiting = layla.page.locator('[data-testid="message"][data-status="queued"]');
    await waiting.waitFor({ state: 'visible' });
    assert.equal(await waiting.getByTestId('message-text').textContent(), 'typed while offline');
    assert.match(await waiting.getByTestId('message-state').textContent(), /waiting/i);
    assert.equal(await layla.page.getByTestId('composer').inputValue(), '');

    server = await startServer({ name: 'reconnect-2', port, dataDir });
    // Backoff is at most a few seconds here; "Retry now" skips the wait when offered.
    for (const p of [layla.page, karim.page]) {
      await waitUntil(async () => {
        const action = p.getByTestId('banner-action');
        if (await action.isVisible() && (await action.getAttribute('data-action')) === 'retry') {
          await action.click({ timeout: 1000 }).catch(() => {});
        }
        return p.getByTestId('banner').isHidden();
      }, { timeout: 60_000, interval: 500, message: 'the banner to go away after the restart' });
    }
    assert.equal(await layla.page.getByTestId('me-name').textContent(), 'Layla');
    assert.equal(await karim.page.getByTestId('me-name').textContent(), 'كريم');
    await userEntry(karim.page, 'Layla').waitFor({ state: 'visible' });
  });

  test('the message written offline arrives once; chatting works again', { timeout: 30_000 }, async () => {
    await messagesWithText(karim.page, 'typed while offline').waitFor({ state: 'visible' });
    await waitUntil(() => messagesWithText(layla.page, 'typed while offline').getAttribute('data-message-id'), {
      check: (id) => id?.startsWith('m_'), message: 'the queued message to be acked',
    });
    assert.equal(await messagesWithText(karim.page, 'typed while offline').count(), 1);
    await sendWithEnter(layla.page, 'after the restart');
    await messagesWithText(karim.page, 'after the restart').waitFor({ state: 'visible' });
    await userEntry(karim.page, 'Layla').click();
    await sendWithEnter(karim.page, 'private after the restart');
    await layla.page.locator('[data-testid="conversation"][data-conversation="dm:كريم"]').click();
    await messagesWithText(layla.page, 'private after the restart').waitFor({ state: 'visible' });
    assert.deepEqual(layla.record.pageErrors, []);
    assert.deepEqual(karim.record.pageErrors, []);
  });
});
