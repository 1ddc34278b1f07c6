// Reading a conversation, with three users (English light, Arabic dark): messages of one sender
// grouped under one name with an avatar, your own name not repeated in a direct conversation,
// date lines, the "New messages" line (a conversation with many unread opens there), "Jump to
// latest" with a count, and at least 20 lines of messages on an 800 px high screen.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  conversationEntry, createRoom, inView, messagesWithText, sendWithEnter, userEntry,
  waitUntil,
} from './lib/browser.mjs';

const T = 90_000;
const VIEWPORT = { width: 1100, height: 800 };

/** Sends `texts` to `room` from `page` through its client, each acknowledged before the next. */
async function sendAll(page, room, texts) {
  await page.evaluate(async ({ room, texts }) => {
    for (const text of texts) await window.majlis.client.sendMessage(room, text, {}, { id: window.majlis.client.newId() });
  }, { room, texts });
}

/** Whether a name is shown (not only there for screen readers: those are 1 px). */
const nameShown = (message) => message.getByTestId('message-from').evaluate((n) => n.getBoundingClientRect().width > 1);

describe('reading a conversation', { timeout: 360_000 }, () => {
  const scene = cast({ name: 'timeline' }, [
    { name: 'Sara', viewport: VIEWPORT },
    { name: 'Omar', viewport: VIEWPORT },
    { name: 'أحمد', viewport: VIEWPORT, locale: 'ar', colorScheme: 'dark' },
  ]);
  let sara; let omar; let ahmed;
  before(() => { [sara, omar, ahmed] = scene.users; });

  test('messages of one sender are grouped under one name, with an avatar; a date line starts the day', { timeout: T }, async () => {
    for (const text of ['one', 'two', 'three']) await sendWithEnter(sara.page, text);
    // Sara's three are stored before Omar writes: Enter does not wait for the ack, and on a busy
    // machine Omar's could otherwise come first
    await messagesWithText(omar.page, 'three').waitFor();
    for (const text of ['four', 'five']) await sendWithEnter(omar.page, text);
    await messagesWithText(omar.page, 'five').waitFor();
    const shown = await omar.page.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => ({
      text: n.querySelector('[data-testid="message-text"]').textContent,
      name: n.querySelector('[data-testid="message-from"]').getBoundingClientRect().width > 1 ? n.dataset.from : null,
      avatar: n.querySelector('[data-testid="avatar"]')?.textContent ?? null,
    })));
    assert.deepEqual(shown, [
      { text: 'one', name: 'Sara', avatar: 'S' },
      { text: 'two', name: null, avatar: null },
      { text: 'three', name: null, avatar: null },
      { text: 'four', name: 'Omar', avatar: null }, // your own messages have no avatar
      { text: 'five', name: null, avatar: null },
    ]);
    // Screen readers still hear who wrote each message.
    assert.equal(await messagesWithText(omar.page, 'two').getByTestId('message-from').textContent(), 'Sara');
    assert.deepEqual(await omar.page.getByTestId('day-line').allTextContents(), ['Today']);
    assert.deepEqual(await ahmed.page.getByTestId('day-line').allTextContents(), ['اليوم']);
    const avatarColour = (page) => messagesWithText(page, 'one').getByTestId('avatar').evaluate((n) => getComputedStyle(n).backgroundColor);
    assert.equal(await avatarColour(omar.page), await avatarColour(ahmed.page), 'the same colour for Sara everywhere');
  });

  test('in a direct conversation your own name is not repeated', { timeout: T }, async () => {
    await userEntry(sara.page, 'Omar').click();
    await waitUntil(() => sara.page.getByTestId('conversation-title').textContent(), {
      check: (title) => title === 'Omar', message: 'the direct conversation to open on Sara\'s page',
    });
    await sendWithEnter(sara.page, 'just us');
    const own = messagesWithText(sara.page, 'just us');
    await own.waitFor();
    assert.equal(await nameShown(own), false);
    await conversationEntry(omar.page, 'dm:sara').click();
    await waitUntil(() => nameShown(messagesWithText(omar.page, 'just us')), { message: 'the other side to see who wrote' });
    await conversationEntry(sara.page, 'room:general').click();
    await conversationEntry(omar.page, 'room:general').click();
    await waitUntil(() => nameShown(messagesWithText(sara.page, 'one')), { message: 'the name shown in a room' });
  });

  test('a conversation with many unread opens at the "New messages" line; "Jump to latest" counts what comes', { timeout: T }, async () => {
    await createRoom(omar.page, 'busy', { members: 'Sara' });
    await sara.page.locator('[data-testid="invitation"][data-room="busy"]').getByTestId('accept-invitation').click();
    await conversationEntry(sara.page, 'room:general').click();
    await sendAll(omar.page, 'busy', ['read before']);
    await conversationEntry(sara.page, 'room:busy').click();
    await messagesWithText(sara.page, 'read before').waitFor();
    await conversationEntry(sara.page, 'room:general').click();
    // More than one page of history (50): the page loads older ones until the first unread.
    const unread = Array.from({ length: 70 }, (_, i) => `unread ${i + 1}`);
    await sendAll(omar.page, 'busy', unread);
    await waitUntil(() => conversationEntry(sara.page, 'room:busy').getByTestId('unread').textContent(), {
      check: (n) => n === '70', message: '70 unread',
    });

    await conversationEntry(sara.page, 'room:busy').click();
    const line = sara.page.getByTestId('unread-line');
    await line.waitFor();
    assert.equal(await line.count(), 1);
    assert.equal(await line.textContent(), 'New messages');
    const next = await line.evaluate((node) => node.nextElementSibling.querySelector('[data-testid="message-text"]').textContent);
    assert.equal(next, 'unread 1', 'the line is before the first unread');
    await waitUntil(() => inView(messagesWithText(sara.page, 'unread 1')), { message: 'the first unread in view' });
    assert.equal(await inView(messagesWithText(sara.page, 'unread 70')), false, 'not scrolled to the end');
    const jump = sara.page.getByTestId('jump-latest');
    assert.equal(await jump.textContent(), '↓ Jump to latest');

    await sendAll(omar.page, 'busy', ['new 1', 'new 2', 'new 3']);
    await waitUntil(() => jump.textContent(), { check: (t) => t === '↓ 3 new messages', message: 'the count of new messages' });
    await jump.click();
    await waitUntil(() => inView(messagesWithText(sara.page, 'new 3')), { message: 'the newest in view' });
    assert.equal(await jump.isVisible(), false);
    assert.equal(await sara.page.evaluate(() => document.activeElement.id), 'composer');
  });

  test('at least 20 lines of messages at 800 px, in both themes and both languages', { timeout: T }, async () => {
    await createRoom(omar.page, 'dense', { members: 'Sara, أحمد' });
    for (const page of [sara.page, ahmed.page]) {
      await page.locator('[data-testid="invitation"][data-room="dense"]').getByTestId('accept-invitation').click();
      await conversationEntry(page, 'room:dense').click();
    }
    // Runs of four short messages from one person, then the other.
    for (let run = 0; run < 8; run++) {
      const page = run % 2 ? sara.page : omar.page;
      await sendAll(page, 'dense', Array.from({ length: 4 }, (_, i) => `line ${run * 4 + i + 1}`));
    }
    for (const { page } of [sara, ahmed]) {
      await messagesWithText(page, 'line 32').waitFor();
      await page.getByTestId('message-scroller').evaluate((n) => { n.scrollTop = n.scrollHeight; });
      const lines = await page.getByTestId('message-text').evaluateAll((nodes) => {
        const view = document.getElementById('message-scroller').getBoundingClientRect();
        return nodes.filter((n) => {
          const box = n.getBoundingClientRect();
          return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
        }).reduce((sum, n) => sum + Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight)), 0);
      });
      assert.ok(lines >= 20, `${lines} lines of messages visible`);
    }
  });

  test('no script errors', { timeout: T }, () => assertNoPageErrors(scene.pages));
});
