// The server's default abuse limits (10 messages/s, bursts of 20): a burst from the composer is
// partly refused with rate_limited; the page says so near the composer, keeps every refused
// text on its message with a retry, and the retry goes through once the limit allows it. The
// length of a message: counted as the server counts (code points, 4000), never cut.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  launchBrowser, loginAs, messagesWithText, openPage, screenshot, shownMessageIds, waitUntil,
} from './lib/browser.mjs';

describe('rate limits on the page', { timeout: 120_000 }, () => {
  let server;
  let browser;

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'limits', defaultLimits: true }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a burst over the limit: error near the composer, failed messages keep their text, retry works', { timeout: 60_000 }, async () => {
    const { page, record } = await openPage(browser, server.url);
    await loginAs(page, 'Rami');
    const BURST = 35;
    // Submit the composer form 35 times in one go, as fast as a script can.
    await page.evaluate((n) => {
      const composer = document.getElementById('composer');
      const form = document.getElementById('composer-form');
      for (let i = 1; i <= n; i++) {
        composer.value = `burst ${i}`;
        form.requestSubmit();
      }
    }, BURST);
    const failed = page.locator('[data-testid="message"][data-status="failed"]');
    await failed.first().waitFor({ state: 'visible' });
    await waitUntil(() => page.locator('[data-testid="message"][data-status="sending"]').count(), {
      check: (n) => n === 0, message: 'every send to be answered',
    });
    const refused = await failed.count();
    assert.ok(refused >= 5 && refused < BURST, `refused: ${refused}`);
    const error = page.getByTestId('composer-error');
    assert.equal(await error.isVisible(), true);
    assert.match(await error.textContent(), /too fast/i);
    assert.match(await failed.first().getByTestId('message-error').textContent(), /too fast/i);
    // Every text is on the page exactly once: sent, or refused with its text kept.
    const texts = await page.getByTestId('message-text').allTextContents();
    assert.deepEqual([...texts].sort(), Array.from({ length: BURST }, (_, i) => `burst ${i + 1}`).sort());
    await screenshot(page, 'chat-rate-limited.png');

    // After a pause the limit allows more: retry the refused ones, one by one.
    await new Promise((r) => setTimeout(r, 2500));
    for (let i = 0; i < refused; i++) {
      await failed.first().getByTestId('retry').click();
      await new Promise((r) => setTimeout(r, 150));
    }
    await waitUntil(() => page.locator('.message.pending').count(), {
      check: (n) => n === 0, message: 'every retried message to be sent',
    });
    const ids = await shownMessageIds(page);
    assert.equal(ids.length, BURST);
    assert.equal(new Set(ids).size, BURST);
    assert.ok(ids.every((id) => id.startsWith('m_')), 'all acknowledged by the server');
    assert.deepEqual(record.pageErrors, []);
  });

  test('4000 emoji are 4000 characters: counted as the server counts, sent whole; one more is refused with a reason, not cut', { timeout: 60_000 }, async () => {
    const [hana, yusuf] = [await openPage(browser, server.url), await openPage(browser, server.url)];
    await loginAs(hana.page, 'Hana');
    await loginAs(yusuf.page, 'Yusuf');
    const { page } = hana;
    const composer = page.getByTestId('composer');
    const count = page.getByTestId('composer-count');
    assert.equal(await count.isVisible(), false, 'no counter far from the limit');
    /** Pasted at once, as a paste inserts it (maxlength would cut it here); what the counter says. */
    const paste = async (text) => {
      await composer.focus();
      await page.keyboard.insertText(text);
      assert.equal(await composer.inputValue(), text, 'nothing cut');
      return [await count.textContent(), await count.getAttribute('data-over')];
    };
    const emoji = '😀'.repeat(4000);
    assert.deepEqual(await paste(emoji), ['4,000 / 4,000', 'false']);
    await composer.press('Enter');
    await messagesWithText(yusuf.page, emoji).waitFor({ state: 'visible' });

    const tooLong = `${'a'.repeat(3990)} 0123456789`;
    assert.deepEqual(await paste(tooLong), ['4,001 / 4,000', 'true']);
    await composer.press('Enter');
    const error = page.getByTestId('composer-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /at most 4,000 characters, this is 1 over/);
    assert.equal(await composer.inputValue(), tooLong, 'the text stays to be shortened');
    assert.equal(await page.locator('.message.pending').count(), 0, 'nothing sent');
    // One character less, and it goes.
    await composer.press('End');
    await composer.press('Backspace');
    assert.equal(await count.getAttribute('data-over'), 'false');
    await composer.press('Enter');
    await messagesWithText(yusuf.page, tooLong.slice(0, -1)).waitFor({ state: 'visible' });
    assert.equal(await count.isVisible(), false, 'the counter goes with the text');
    assert.deepEqual([...hana.record.pageErrors, ...yusuf.record.pageErrors], []);
  });
});
