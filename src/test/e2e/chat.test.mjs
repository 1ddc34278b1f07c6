// Browser tests of the Majlis page against the real server: two (and three) guests chatting.
// Run: npm test (needs the built jar, Debian's chromium and Java 21+ via JAVA_HOME or PATH).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  conversationEntry, launchBrowser, loginAs, messagesWithText, openPage, screenshot,
  sendWithEnter, userEntry, waitUntil,
} from './lib/browser.mjs';

const SARA = 'Sara';
const AHMED = 'أحمد';
const OMAR = 'Omar';
const T = 30_000; // per test

describe('Majlis chat page', { timeout: 240_000 }, () => {
  let server;
  let browser;
  let sara;
  let ahmed;
  let omar;
  const pages = [];

  async function newUserPage(options) {
    const p = await openPage(browser, server.url, options);
    pages.push(p);
    return p;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'chat' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('the login page is well formed', { timeout: T }, async () => {
    const { page } = await newUserPage();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    assert.match(viewport, /width=device-width/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    await page.getByTestId('login-name').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('chat').isVisible(), false);
    // An empty name is refused on the page itself.
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('login-error').textContent(), /enter a name/i);
    await page.context().close();
  });

  test('two guests log in and see each other in the online list', { timeout: T }, async () => {
    sara = await newUserPage();
    ahmed = await newUserPage();
    await loginAs(sara.page, SARA);
    await loginAs(ahmed.page, AHMED);

    await userEntry(sara.page, AHMED).waitFor({ state: 'visible' });
    await userEntry(ahmed.page, SARA).waitFor({ state: 'visible' });
    assert.equal(await userEntry(sara.page, AHMED).getAttribute('data-status'), 'online');
    assert.equal(await userEntry(sara.page, AHMED).getByTestId('user-name').textContent(), AHMED);
    // Nobody is listed as their own contact.
    assert.equal(await userEntry(sara.page, SARA).count(), 0);
    assert.equal(await userEntry(ahmed.page, AHMED).count(), 0);
    // Both start in the public room, and the banner is hidden while connected.
    assert.equal(await sara.page.getByTestId('conversation-title').textContent(), '# general');
    assert.equal(await conversationEntry(sara.page, 'room:general').getAttribute('aria-current'), 'true');
    assert.equal(await sara.page.getByTestId('banner').isVisible(), false);
  });

  test('a public message from one page shows on the other', { timeout: T }, async () => {
    await sendWithEnter(sara.page, 'Hello from Sara');
    const received = messagesWithText(ahmed.page, 'Hello from Sara');
    await received.waitFor({ state: 'visible' });
    assert.equal(await received.getByTestId('message-from').textContent(), SARA);
    assert.equal(await received.count(), 1, 'shown exactly once');
    // The sender sees its own message too, and the composer was emptied.
    await messagesWithText(sara.page, 'Hello from Sara').waitFor({ state: 'visible' });
    assert.equal(await sara.page.getByTestId('composer').inputValue(), '');

    // Shift+Enter makes a new line; Enter sends the whole text.
    const composer = ahmed.page.getByTestId('composer');
    await composer.click();
    await composer.pressSequentially('line one');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('line two');
    assert.equal(await composer.inputValue(), 'line one\nline two', 'Shift+Enter did not send');
    await composer.press('Enter');
    const multi = messagesWithText(sara.page, 'line one\nline two');
    await multi.waitFor({ state: 'visible' });
    assert.equal(await multi.getByTestId('message-from').textContent(), AHMED);

    // The send button works as well.
    await ahmed.page.getByTestId('composer').fill('sent with the button');
    await ahmed.page.getByTestId('send').click();
    await messagesWithText(sara.page, 'sent with the button').waitFor({ state: 'visible' });
  });

  test('a private message opened from the online list reaches only its recipient', { timeout: T }, async () => {
    omar = await newUserPage();
    await loginAs(omar.page, OMAR);
    await userEntry(sara.page, OMAR).waitFor({ state: 'visible' });
    // Record every frame Omar's page receives from now on.
    await omar.page.evaluate(() => {
      window.__frames = [];
      window.majlis.client.on('frame', (f) => window.__frames.push(JSON.stringify(f)));
    });

    await userEntry(sara.page, AHMED).click();
    await waitUntil(() => sara.page.getByTestId('conversation-title').textContent(), {
      check: (title) => title === AHMED, message: 'the direct conversation to open on Sara\'s page',
    });
    await conversationEntry(sara.page, `dm:${AHMED}`).waitFor({ state: 'visible' });
    const secret = 'Secret for Ahmed only 42';
    await sendWithEnter(sara.page, secret);
    await messagesWithText(sara.page, secret).waitFor({ state: 'visible' });

    // Ahmed is in the public room: the direct conversation appears with an unread marker.
    const dm = conversationEntry(ahmed.page, 'dm:sara');
    await dm.getByTestId('unread').waitFor({ state: 'visible' });
    assert.equal(await dm.getByTestId('unread').textContent(), '1');
    assert.equal(await messagesWithText(ahmed.page, secret).count(), 0, 'not shown in the public room');
    await dm.click();
    await messagesWithText(ahmed.page, secret).waitFor({ state: 'visible' });
    assert.equal(await dm.getByTestId('unread').count(), 0, 'marker gone once opened');

    // Ahmed answers in the same conversation; Sara, who has it open, sees the answer.
    await sendWithEnter(ahmed.page, 'Reply for Sara only');
    const reply = messagesWithText(sara.page, 'Reply for Sara only');
    await reply.waitFor({ state: 'visible' });
    assert.equal(await reply.getByTestId('message-from').textContent(), AHMED);

    // A public message after the private ones: once Omar has it, he would have had those.
    await conversationEntry(sara.page, 'room:general').click();
    await sendWithEnter(sara.page, 'Public after private');
    await messagesWithText(omar.page, 'Public after private').waitFor({ state: 'visible' });
    const frames = await omar.page.evaluate(() => window.__frames);
    assert.ok(frames.some((f) => f.includes('Public after private')), 'Omar\'s frame log works');
    assert.deepEqual(frames.filter((f) => f.includes('Secret for Ahmed') || f.includes('Reply for Sara')), []);
    assert.equal(await omar.page.locator('[data-testid="direct-list"] [data-testid="conversation"]').count(), 0);
    assert.equal(await messagesWithText(omar.page, secret).count(), 0);
  });

  test('HTML in a message is shown as text, never interpreted', { timeout: T }, async () => {
    await conversationEntry(ahmed.page, 'room:general').click();
    const evil = '<img src=x onerror=alert(1)>';
    await sendWithEnter(sara.page, evil);
    const received = messagesWithText(ahmed.page, evil);
    await received.waitFor({ state: 'visible' });
    assert.equal(await received.getByTestId('message-text').textContent(), evil);
    assert.equal(await ahmed.page.locator('[data-testid="message-list"] img').count(), 0);
    // (The image viewer's own <img> is part of the page, empty until an image of a message is opened.)
    assert.equal(await ahmed.page.evaluate(() => document.querySelectorAll('img:not(#viewer-image), script:not([src])').length), 0);
    assert.equal(await ahmed.page.getByTestId('viewer-image').getAttribute('src'), null);
    assert.deepEqual(ahmed.record.dialogs, []);
    assert.deepEqual(sara.record.dialogs, []);
  });

  test('Arabic text round-trips and message elements have dir="auto"', { timeout: T }, async () => {
    const arabic = 'مرحبا بالجميع، كيف حالكم؟ 123';
    await sendWithEnter(ahmed.page, arabic);
    const received = messagesWithText(sara.page, arabic);
    await received.waitFor({ state: 'visible' });
    assert.equal(await received.getByTestId('message-text').textContent(), arabic);
    assert.equal(await received.getByTestId('message-from').textContent(), AHMED);
    assert.equal(await received.getAttribute('dir'), 'auto');
    assert.equal(await received.getByTestId('message-text').getAttribute('dir'), 'auto');
    // The browser resolves the Arabic text right to left, and English left to right.
    assert.equal(await received.getByTestId('message-text').evaluate((n) => getComputedStyle(n).direction), 'rtl');
    const english = messagesWithText(sara.page, 'Hello from Sara');
    assert.equal(await english.getByTestId('message-text').evaluate((n) => getComputedStyle(n).direction), 'ltr');
    // Every message element carries dir="auto".
    const dirs = await sara.page.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('dir')));
    assert.ok(dirs.length >= 5, `messages listed: ${dirs.length}`);
    assert.ok(dirs.every((d) => d === 'auto'), JSON.stringify(dirs));
  });

  test('a status change shows in the other users\' online list', { timeout: T }, async () => {
    await sara.page.getByTestId('status-select').selectOption('away');
    await waitUntil(() => userEntry(ahmed.page, SARA).getAttribute('data-status'), {
      check: (s) => s === 'away', message: 'Sara to be shown away on Ahmed\'s page',
    });
    assert.equal(await userEntry(ahmed.page, SARA).getByTestId('user-status').textContent(), 'Away');
    await sara.page.getByTestId('status-select').selectOption('busy');
    await waitUntil(() => userEntry(omar.page, SARA).getAttribute('data-status'), {
      check: (s) => s === 'busy', message: 'Sara to be shown busy on Omar\'s page',
    });
    assert.equal(await sara.page.getByTestId('status-select').inputValue(), 'busy');
  });

  test('a user who leaves disappears from the online list', { timeout: T }, async () => {
    await userEntry(sara.page, OMAR).waitFor({ state: 'visible' });
    await omar.context.close();
    await waitUntil(() => userEntry(sara.page, OMAR).count(), {
      check: (n) => n === 0, message: 'Omar to leave Sara\'s online list',
    });
  });

  describe('login errors', () => {
    for (const [label, name, pattern] of [
      ['a taken name', SARA, /already taken/i],
      ['a taken name in another case', 'sARA', /already taken/i],
      ['a taken Arabic name', AHMED, /already taken/i],
      ['an invalid name', 'two words', /not allowed/i],
      ['a reserved name', 'admin', /not allowed/i],
    ]) {
      test(`${label} shows an error on the login screen`, { timeout: T }, async () => {
        const { page, context } = await newUserPage();
        await page.getByTestId('login-name').fill(name);
        await page.getByTestId('login-submit').click();
        const error = page.getByTestId('login-error');
        await error.waitFor({ state: 'visible' });
        assert.match(await error.textContent(), pattern);
        assert.equal(await page.getByTestId('chat').isVisible(), false);
        assert.equal(await page.getByTestId('login-name').getAttribute('aria-invalid'), 'true');
        await context.close();
      });
    }
  });

  test('screenshots of the chat view', { timeout: T }, async () => {
    await sara.page.getByTestId('status-select').selectOption('online');
    await conversationEntry(sara.page, 'room:general').click();
    await messagesWithText(sara.page, 'مرحبا بالجميع، كيف حالكم؟ 123').waitFor({ state: 'visible' });
    const path = await screenshot(sara.page, 'chat.png');
    assert.ok(path.endsWith('target/e2e/chat.png'));
    await sara.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(sara.page, 'chat-dark.png');
    await sara.page.emulateMedia({ colorScheme: 'light' });

    // A phone-sized window: the sidebar is a drawer behind the menu button.
    const phone = await newUserPage({ viewport: { width: 390, height: 780 } });
    await loginAs(phone.page, 'Layla');
    await phone.page.getByTestId('composer').waitFor({ state: 'visible' });
    assert.equal(await phone.page.getByTestId('user-list').isVisible(), false, 'sidebar hidden on a phone');
    await phone.page.getByTestId('menu-toggle').click();
    await userEntry(phone.page, SARA).waitFor({ state: 'visible' });
    await screenshot(phone.page, 'chat-phone-sidebar.png');
    await userEntry(phone.page, SARA).click();
    await phone.page.getByTestId('user-list').waitFor({ state: 'hidden' });
    await screenshot(phone.page, 'chat-phone.png');
  });

  test('no script errors on any page', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.dialogs, []);
      // Nothing on the page needs inline script or style that a strict CSP would refuse.
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
