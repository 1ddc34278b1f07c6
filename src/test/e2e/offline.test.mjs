// Messages written while offline: queued on the page with their frame id and delivered exactly
// once after the reconnect, whether the socket was cut or the server restarted; a send cut off
// before its ack is not sent twice; and nothing the others wrote meanwhile is lost or doubled.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  assertNoDuplicates, launchBrowser, loginAs, messagesWithText, openPage, sendWithEnter, shownMessageTexts,
  userEntry, waitReconnected, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;

/** How many messages of `general`'s stored history have exactly this text (asked over `page`'s connection). */
function storedCount(page, text) {
  return page.evaluate(async (wanted) => {
    const reply = await window.majlis.client.history({ room: 'general' }, { limit: 200 });
    return reply.messages.filter((m) => m.message === wanted).length;
  }, text);
}

/** Waits until the message with this text is acknowledged on `page` (it has a server id). */
function waitAcked(page, text) {
  return waitUntil(() => messagesWithText(page, text).getAttribute('data-message-id'), {
    check: (id) => id?.startsWith('m_'), message: `"${text}" to be acknowledged`,
  });
}

/** Each text shows exactly once on every page. */
async function assertShownOnce(pages, texts) {
  for (const page of pages) {
    for (const text of texts) {
      await messagesWithText(page, text).waitFor();
      assert.equal(await messagesWithText(page, text).count(), 1, `"${text}" shown once`);
    }
    await assertNoDuplicates(page);
  }
}

describe('messages written offline', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let rana;
  let tariq;
  const pages = [];

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'offline' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('two users are chatting', { timeout: T }, async () => {
    rana = await openPage(browser, server.url);
    tariq = await openPage(browser, server.url);
    pages.push(rana, tariq);
    await loginAs(rana.page, 'Rana');
    await loginAs(tariq.page, 'Tariq');
    await userEntry(rana.page, 'Tariq').waitFor();
    await sendWithEnter(rana.page, 'hello Tariq');
    await messagesWithText(tariq.page, 'hello Tariq').waitFor();
  });

  test('with the socket cut: queued, then delivered exactly once after the reconnect', { timeout: T }, async () => {
    const { page } = rana;
    await page.evaluate(() => {
      const { client } = window.majlis;
      client.autoReconnect = false;
      client.ws.close();
    });
    await page.getByTestId('banner').waitFor();
    await sendWithEnter(page, 'written with the socket cut');
    const queued = page.locator('[data-testid="message"][data-status="queued"]');
    await queued.waitFor();
    const clientId = await queued.getAttribute('data-client-id');
    await sendWithEnter(tariq.page, 'sent while Rana was cut off');
    await messagesWithText(tariq.page, 'sent while Rana was cut off').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await messagesWithText(tariq.page, 'written with the socket cut').count(), 0, 'nothing went out offline');

    // Record the frames the page sends once it is back.
    await page.evaluate(() => {
      const { client } = window.majlis;
      window.__sent = [];
      client.on('state', (state) => {
        if (state !== 'open' || !client.ws) return;
        const { ws } = client;
        const send = ws.send.bind(ws);
        ws.send = (data) => { window.__sent.push(JSON.parse(data)); send(data); };
      });
      client.autoReconnect = true;
      return client.connect();
    });
    await waitReconnected(page);
    await waitAcked(page, 'written with the socket cut');
    await assertShownOnce([page, tariq.page], ['written with the socket cut', 'sent while Rana was cut off']);
    const sends = await page.evaluate(() => window.__sent.filter((f) => f.type === 'send_message'));
    assert.deepEqual(sends.map((f) => [f.id, f.payload.message]), [[clientId, 'written with the socket cut']],
      'sent once, with the id it was given when written');
    assert.equal(await storedCount(tariq.page, 'written with the socket cut'), 1);
  });

  test('with the server restarted: everything written meanwhile arrives once, in order', { timeout: 120_000 }, async () => {
    const { port, dataDir } = server;
    await server.stop({ keepData: true });
    await rana.page.getByTestId('banner').waitFor();
    await tariq.page.getByTestId('banner').waitFor();
    const offline = ['first while the server is down', 'second while the server is down'];
    for (const text of offline) await sendWithEnter(rana.page, text);
    await sendWithEnter(tariq.page, 'Tariq while the server is down');
    assert.equal(await rana.page.locator('[data-testid="message"][data-status="queued"]').count(), 2);

    server = await startServer({ name: 'offline-restarted', port, dataDir });
    await waitReconnected(rana.page);
    await waitReconnected(tariq.page);
    const all = [...offline, 'Tariq while the server is down'];
    for (const text of offline) await waitAcked(rana.page, text);
    await waitAcked(tariq.page, 'Tariq while the server is down');
    await assertShownOnce([rana.page, tariq.page], all);
    // Rana's two arrive in the order she wrote them.
    const texts = await shownMessageTexts(tariq.page);
    assert.ok(texts.indexOf(offline[0]) < texts.indexOf(offline[1]), JSON.stringify(texts));
    for (const text of ['hello Tariq', 'written with the socket cut', ...all]) {
      assert.equal(await storedCount(rana.page, text), 1, `"${text}" stored once`);
    }
    // A page that comes later sees the same history, each message once.
    const late = await openPage(browser, server.url);
    pages.push(late);
    await loginAs(late.page, 'Latecomer');
    await assertShownOnce([late.page], ['hello Tariq', 'written with the socket cut', ...all]);
  });

  test('a send cut off before its ack is not sent a second time', { timeout: T }, async () => {
    const { page } = rana;
    // The socket drops right after the message frame left: the page never sees the ack.
    await page.evaluate(() => {
      const { ws } = window.majlis.client;
      const send = ws.send.bind(ws);
      ws.send = (data) => {
        send(data);
        if (JSON.parse(data).type === 'send_message') ws.close();
      };
    });
    await sendWithEnter(page, 'cut off before the ack');
    await waitReconnected(page);
    await waitAcked(page, 'cut off before the ack');
    await messagesWithText(tariq.page, 'cut off before the ack').waitFor();
    await new Promise((r) => setTimeout(r, 1500)); // time for a second copy, if one were sent
    await assertShownOnce([page, tariq.page], ['cut off before the ack']);
    assert.equal(await storedCount(tariq.page, 'cut off before the ack'), 1);
  });

  test('no script errors, no CSP violations', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
