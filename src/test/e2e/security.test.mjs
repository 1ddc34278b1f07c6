// Security regressions seen from the browser: markup sent by another user in a message, a file
// name and a reaction is shown as text and never runs; names and room names that carry markup
// are refused by the server before they reach anyone. The attacker speaks the protocol directly
// (a WebSocket and fetch from its own page), as a hostile client would.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, loginAs, openPage, waitUntil } from './lib/browser.mjs';

// No double quotes: browsers percent-encode them in multipart file names.
const MARKUP = '<img src=x onerror=window.__xss=1>';

describe('hostile input is shown inertly', { timeout: 120_000 }, () => {
  let server;
  let browser;

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'security' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('markup in a message, a file name and a reaction stays text; markup in names is refused', { timeout: 90_000 }, async () => {
    const victim = await openPage(browser, server.url);
    await loginAs(victim.page, 'Victim');
    const attacker = await openPage(browser, server.url);

    // The hostile client: its own socket, frames written by hand, an upload with its session token.
    const outcome = await attacker.page.evaluate(async ({ markup }) => {
      const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws`);
      const frames = [];
      const next = (type) => new Promise((resolve) => {
        const check = () => {
          const i = frames.findIndex((f) => f.type === type);
          if (i >= 0) resolve(frames.splice(i, 1)[0]); else setTimeout(check, 20);
        };
        check();
      });
      ws.onmessage = (e) => frames.push(JSON.parse(e.data));
      await new Promise((resolve) => { ws.onopen = resolve; });
      const send = (type, payload, id) => ws.send(JSON.stringify({ type, id, payload }));

      send('login', { username: '<b>mallory</b>' }, 'l0');
      const badName = await next('error');
      send('login', { username: 'mallory' }, 'l1');
      const welcome = await next('welcome');
      send('create_room', { room: '<script>x</script>' }, 'r');
      const badRoom = await next('error');

      const form = new FormData();
      form.append('file', new Blob(['just text'], { type: 'text/plain' }), `${markup}.txt`);
      const upload = await fetch('/api/files', {
        method: 'POST', headers: { Authorization: `Bearer ${welcome.payload.token}` }, body: form,
      }).then((r) => r.json());
      send('send_message', { message: markup, attachments: [upload.id] }, 'm');
      const ack = await next('ack');
      send('react', { messageId: ack.payload.messageId, emoji: '<>"\'&', on: true }, 'x');
      await next('reaction');
      send('react', { messageId: ack.payload.messageId, emoji: '<svg/onload=alert(1)>', on: true }, 'y');
      const badEmoji = await next('error');
      return { badName: badName.payload.code, badRoom: badRoom.payload.code, badEmoji: badEmoji.payload.code, fileName: upload.name };
    }, { markup: MARKUP });

    assert.equal(outcome.badName, 'username_invalid');
    assert.equal(outcome.badRoom, 'invalid_payload');
    assert.equal(outcome.badEmoji, 'invalid_payload');
    assert.equal(outcome.fileName, `${MARKUP}.txt`, 'the server keeps the name as sent; the page must show it as text');

    const { page, record } = victim;
    const message = page.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(MARKUP, { exact: true }) });
    await message.waitFor({ state: 'visible' });
    await waitUntil(() => message.getByTestId('reaction').count(), { check: (n) => n === 1, message: 'the reaction chip' });
    assert.match(await message.getByTestId('reaction').textContent(), /<>"'&/);
    assert.match(await message.getByTestId('attachment-file').textContent(), /<img src=x onerror=window\.__xss=1>\.txt/);
    assert.equal(await page.locator('img[src="x"], svg[onload]').count(), 0, 'no element was made from the markup');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
    assert.deepEqual(record.dialogs, []);
    assert.deepEqual(record.pageErrors, []);
  });
});
