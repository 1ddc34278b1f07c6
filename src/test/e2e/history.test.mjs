// History on the page: the newest page when a conversation opens, older pages on scrolling up
// (no duplicates, position kept), missed messages fetched after a reconnect, direct messages to
// an offline account with an unread badge, and messages surviving a server restart.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  assertNoDuplicates, conversationEntry, launchBrowser, loginAs, messagesWithText, openPage, screenshot, sendWithEnter,
  shownMessageIds, shownMessageTexts, signIn, userEntry, waitReconnected, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;
const TOTAL = 60;
const label = (i) => `history message ${String(i).padStart(2, '0')}`;

describe('history on the page', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let amal;
  let bilal;
  const pages = [];

  async function newPage() {
    const p = await openPage(browser, server.url);
    pages.push(p);
    return p;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'history' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test(`one page sends ${TOTAL} messages, a few through the composer`, { timeout: T }, async () => {
    amal = await newPage();
    await signIn(amal.page, 'Amal', 'amal-password', { register: true });
    for (let i = 1; i <= 3; i++) {
      await sendWithEnter(amal.page, label(i));
      await messagesWithText(amal.page, label(i)).waitFor({ state: 'visible' });
    }
    // The rest over the page's own connection, each waiting for its ack.
    await amal.page.evaluate(async ({ from, to }) => {
      for (let i = from; i <= to; i++) {
        await window.majlis.client.sendMessage('general', `history message ${String(i).padStart(2, '0')}`);
      }
    }, { from: 4, to: TOTAL });
    await messagesWithText(amal.page, label(TOTAL)).waitFor({ state: 'visible' });
    assert.equal((await shownMessageTexts(amal.page)).length, TOTAL);
    await assertNoDuplicates(amal.page);
  });

  test('a page that logs in afterwards shows the newest messages from history', { timeout: T }, async () => {
    bilal = await newPage();
    await loginAs(bilal.page, 'Bilal');
    await messagesWithText(bilal.page, label(TOTAL)).waitFor({ state: 'visible' });
    const texts = await shownMessageTexts(bilal.page);
    assert.ok(texts.length >= 50 && texts.length < TOTAL, `one page of history, got ${texts.length}`);
    assert.equal(texts.at(-1), label(TOTAL));
    assert.equal(await messagesWithText(bilal.page, label(1)).count(), 0, 'the oldest are not loaded yet');
    // The newest message is in view (scrolled to the bottom).
    assert.equal(await messagesWithText(bilal.page, label(TOTAL)).isVisible(), true);
    await assertNoDuplicates(bilal.page);
    // The page is loaded and nothing is scrolled: no "Loading earlier messages…" left at the top.
    await waitUntil(() => bilal.page.getByTestId('history-status').evaluate((n) => ({ hidden: n.hidden, text: n.textContent })), {
      check: (status) => status.hidden && status.text === '', message: 'the loading note to go',
    });
  });

  test('scrolling to the top loads older messages, keeps the position, no duplicates', { timeout: T }, async () => {
    const { page } = bilal;
    const scroller = page.getByTestId('message-scroller');
    const firstBefore = (await shownMessageTexts(page))[0];
    const anchor = messagesWithText(page, firstBefore);
    await scroller.evaluate((n) => { n.scrollTop = 0; });
    await messagesWithText(page, label(1)).waitFor({ state: 'attached' });
    const texts = await shownMessageTexts(page);
    assert.equal(texts.length, TOTAL);
    assert.deepEqual(texts, Array.from({ length: TOTAL }, (_, i) => label(i + 1)));
    const ids = await assertNoDuplicates(page);
    assert.equal(new Set(ids).size, await page.getByTestId('message').count());
    // The message that was at the top is still in view: the page did not jump to the oldest.
    const top = await scroller.evaluate((n) => n.scrollTop);
    assert.ok(top > 100, `scrollTop after loading older: ${top}`);
    const [anchorBox, scrollerBox] = [await anchor.boundingBox(), await scroller.boundingBox()];
    assert.ok(anchorBox.y >= scrollerBox.y - anchorBox.height && anchorBox.y < scrollerBox.y + scrollerBox.height,
      `the former first message stays in view (${JSON.stringify({ anchorBox, scrollerBox })})`);
    // At the very top, the page says there is nothing older.
    await scroller.evaluate((n) => { n.scrollTop = 0; });
    await waitUntil(() => page.getByTestId('history-status').textContent(), {
      check: (t) => /beginning/i.test(t), message: 'the beginning-of-conversation note',
    });
    await screenshot(page, 'chat-history.png');
  });

  test('messages missed while disconnected are fetched once the page is back', { timeout: T }, async () => {
    const { page } = bilal;
    // Drop Bilal's connection without reconnecting, send while he is away, then reconnect.
    await page.evaluate(() => {
      const { client } = window.majlis;
      client.autoReconnect = false;
      client.ws.close();
    });
    await page.getByTestId('banner').waitFor({ state: 'visible' });
    for (let i = 1; i <= 5; i++) await sendWithEnter(amal.page, `missed ${i}`);
    await messagesWithText(amal.page, 'missed 5').waitFor({ state: 'visible' });
    await page.evaluate(() => {
      const { client } = window.majlis;
      client.autoReconnect = true;
      return client.connect();
    });
    await waitReconnected(page);
    await messagesWithText(page, 'missed 5').waitFor({ state: 'visible' });
    const texts = await shownMessageTexts(page);
    assert.deepEqual(texts.slice(-5), ['missed 1', 'missed 2', 'missed 3', 'missed 4', 'missed 5']);
    assert.equal(texts.length, TOTAL + 5);
    await assertNoDuplicates(page);
  });

  test('a direct message to an offline account shows with an unread badge when it logs in', { timeout: T }, async () => {
    const res = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'Huda', password: 'huda-password' }),
    });
    assert.equal(res.status, 201);
    // Huda has never been online: Amal writes to her over the page's connection.
    const ack = await amal.page.evaluate(() => window.majlis.client.privateMessage('Huda', 'waiting for you, Huda'));
    assert.ok(ack.messageId);
    const huda = await newPage();
    await signIn(huda.page, 'Huda', 'huda-password');
    const dm = conversationEntry(huda.page, 'dm:amal');
    await dm.waitFor({ state: 'visible' });
    // Amal is listed although she may be reached only as an offline account later.
    assert.equal(await dm.getByTestId('unread').textContent(), '1');
    await dm.click();
    await messagesWithText(huda.page, 'waiting for you, Huda').waitFor({ state: 'visible' });
    assert.equal(await dm.getByTestId('unread').count(), 0, 'badge reset once opened');
    // Amal's page lists the conversation with Huda too (she is in the welcome's directs on reload).
    await amal.page.reload();
    await amal.page.getByTestId('chat').waitFor({ state: 'visible' });
    await conversationEntry(amal.page, 'dm:huda').waitFor({ state: 'visible' });
    await huda.context.close();
    // Offline but registered: the conversation stays in the sidebar and messages are stored.
    await waitUntil(() => userEntry(amal.page, 'Huda').count(), { check: (n) => n === 0, message: 'Huda offline' });
    await conversationEntry(amal.page, 'dm:huda').click();
    await sendWithEnter(amal.page, 'for when you are back');
    await waitUntil(() => messagesWithText(amal.page, 'for when you are back').getAttribute('data-message-id'), {
      message: 'the message to an offline account to be acked',
    });
  });

  test('a failed send is shown on the message with a retry', { timeout: T }, async () => {
    // A direct conversation with a guest who has gone: the server answers user_not_found.
    const gone = await newPage();
    await loginAs(gone.page, 'Passing');
    await userEntry(amal.page, 'Passing').click();
    await gone.context.close();
    await waitUntil(() => userEntry(amal.page, 'Passing').count(), { check: (n) => n === 0, message: 'the guest to leave' });
    await sendWithEnter(amal.page, 'are you still there?');
    const failed = amal.page.locator('[data-testid="message"][data-status="failed"]');
    await failed.waitFor({ state: 'visible' });
    assert.equal(await failed.getByTestId('message-text').textContent(), 'are you still there?');
    assert.match(await failed.getByTestId('message-error').textContent(), /not sent/i);
    const clientId = await failed.getAttribute('data-client-id');
    // Retry resends the same frame id.
    await amal.page.evaluate(() => {
      window.__sent = [];
      const ws = window.majlis.client.ws;
      const send = ws.send.bind(ws);
      ws.send = (data) => { window.__sent.push(JSON.parse(data)); send(data); };
    });
    await failed.getByTestId('retry').click();
    await waitUntil(() => amal.page.evaluate(() => window.__sent.filter((f) => f.type === 'private_message')), {
      check: (frames) => frames.length === 1, message: 'the resend',
    });
    const [resent] = await amal.page.evaluate(() => window.__sent.filter((f) => f.type === 'private_message'));
    assert.equal(resent.id, clientId);
    assert.equal(resent.payload.message, 'are you still there?');
    await amal.page.locator(`[data-testid="message"][data-status="failed"][data-client-id="${clientId}"]`).waitFor();
    await failed.getByTestId('discard').click();
    await waitUntil(() => amal.page.getByTestId('message').count(), { check: (n) => n === 0, message: 'discarded' });
    await conversationEntry(amal.page, 'room:general').click();
  });

  test('after a server restart the messages are still there', { timeout: 120_000 }, async () => {
    await server.restart();
    for (const p of [amal.page, bilal.page]) await waitReconnected(p);
    // A page opened after the restart sees them from the durable store.
    const late = await newPage();
    await loginAs(late.page, 'Late');
    await messagesWithText(late.page, 'missed 5').waitFor({ state: 'visible' });
    await messagesWithText(late.page, label(TOTAL)).waitFor({ state: 'visible' });
    await assertNoDuplicates(late.page);
    // Bilal's reloaded page logs back in with its session token and shows them too.
    await bilal.page.reload();
    await bilal.page.getByTestId('chat').waitFor({ state: 'visible' });
    assert.equal(await bilal.page.getByTestId('me-name').textContent(), 'Bilal');
    await messagesWithText(bilal.page, 'missed 5').waitFor({ state: 'visible' });
    // Chatting goes on, each message shown once.
    await sendWithEnter(amal.page, 'after the restart');
    await messagesWithText(bilal.page, 'after the restart').waitFor({ state: 'visible' });
    await messagesWithText(late.page, 'after the restart').waitFor({ state: 'visible' });
    assert.equal(await messagesWithText(amal.page, 'after the restart').count(), 1);
    await assertNoDuplicates(bilal.page);
    await assertNoDuplicates(amal.page);
  });

  test('no script errors, no CSP violations', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
