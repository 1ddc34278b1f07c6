// The web app as a whole, with two or three pages as different users: screenshots of a realistic
// conversation (light and dark), keyboard-only use, the live region, Escape, labels on every
// control, the unread count in the tab title, desktop notifications while the tab is hidden,
// the phone layout, "last seen", and the themes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  conversationEntry, launchBrowser, loginAs, messagesWithText, notificationAndVisibilityStubs, openPage, screenshot,
  screenshotForDocs, sendWithEnter, userEntry, waitUntil,
} from './lib/browser.mjs';
import { buildScene } from './lib/scene.mjs';

const T = 60_000;
const SARA = 'Sara';
const AHMED = 'Ahmed';
const LAYLA = 'Layla';

const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BACKGROUND = 'rgb(244, 246, 248)';
const DARK_BACKGROUND = 'rgb(15, 20, 25)';

describe('the web app', { timeout: 600_000 }, () => {
  let server;
  let browser;
  let sara;
  let ahmed;
  const pages = [];

  async function newUserPage(name, options) {
    const p = await openPage(browser, server.url, options);
    pages.push(p);
    await loginAs(p.page, name);
    return p;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'app' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a conversation with a room, a photo and a reaction; screenshots in light and dark', { timeout: T }, async () => {
    sara = await newUserPage(SARA);
    ahmed = await newUserPage(AHMED);
    const host = { page: sara.page, name: SARA };
    const guest = { page: ahmed.page, name: AHMED };
    await buildScene(host, guest, {
      room: 'weekend-trip',
      direct: 'Are you still coming on Saturday?',
      lines: [
        [host, 'Good morning! The forecast says sunny all weekend.'],
        [guest, 'Perfect. Shall we leave at 8 to miss the traffic?'],
        [host, 'Yes, 8 sharp. I will bring the coffee.'],
        [guest, 'And I have the snacks and the umbrella.'],
      ],
      caption: 'This is the beach I told you about',
      reactTo: 'Yes, 8 sharp. I will bring the coffee.',
    });
    // The sidebar previews the last message of each conversation.
    const dm = conversationEntry(sara.page, 'dm:ahmed');
    assert.equal(await dm.getByTestId('conversation-preview').textContent(), 'Are you still coming on Saturday?');
    assert.equal(await conversationEntry(sara.page, 'room:weekend-trip').getByTestId('conversation-preview').textContent(),
      'You: This is the beach I told you about');
    assert.equal(await dm.getByTestId('unread').textContent(), '1');

    await screenshotForDocs(sara.page, 'app-light.png', 'light.png');
    await sara.page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await bodyBackground(sara.page), DARK_BACKGROUND);
    await screenshotForDocs(sara.page, 'app-dark.png', 'dark.png');
    await sara.page.emulateMedia({ colorScheme: 'light' });
  });

  test('keyboard only: Tab reaches the composer, Enter sends, Shift+Enter makes a new line', { timeout: T }, async () => {
    const { page } = sara;
    await conversationEntry(page, 'room:general').click();
    await conversationEntry(ahmed.page, 'room:general').click();
    // Clicking somewhere that takes no focus (the brand) moves where Tab starts from; the skip
    // link comes before it, shows itself when focused, and Enter follows it to the composer.
    await page.locator('.sidebar .brand').click();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'skip-link');
    const box = await page.getByTestId('skip-link').boundingBox();
    assert.ok(box && box.y >= 0, `the focused skip link is on screen: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'composer');

    await page.keyboard.type('typed with the keyboard');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('on two lines');
    assert.equal(await page.getByTestId('composer').inputValue(), 'typed with the keyboard\non two lines');
    await page.keyboard.press('Enter');
    await messagesWithText(ahmed.page, 'typed with the keyboard\non two lines').waitFor();
    assert.equal(await page.getByTestId('composer').inputValue(), '');

    // Without the skip link, Tab goes through the sidebar and the conversation to the composer,
    // and every stop shows where the focus is.
    await page.locator('.sidebar .brand').click();
    const stops = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const node = document.activeElement;
        const style = getComputedStyle(node);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        return { id: node.id || node.dataset.testid || node.tagName, visible };
      });
      stops.push(stop);
      if (stop.id === 'composer') break;
    }
    assert.equal(stops.at(-1).id, 'composer', `Tab order: ${stops.map((s) => s.id).join(' ')}`);
    assert.deepEqual(stops.filter((s) => !s.visible), [], 'every focused control shows the focus');
    const order = stops.map((s) => s.id);
    assert.ok(order.indexOf('status-select') < order.indexOf('conversation') || order.indexOf('conversation') === -1);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'send', 'the send button follows the composer');
  });

  test('the live region reads out a new message, and briefly one from another conversation', { timeout: T }, async () => {
    const announcer = sara.page.getByTestId('announcer');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    await sendWithEnter(ahmed.page, 'Anyone up for lunch?');
    await waitUntil(() => announcer.textContent(), {
      check: (text) => text === 'Ahmed: Anyone up for lunch?', message: 'the announcement of the new message',
    });
    await userEntry(ahmed.page, SARA).click();
    await sendWithEnter(ahmed.page, 'private lunch question');
    await waitUntil(() => announcer.textContent(), {
      check: (text) => text === 'New direct message from Ahmed', message: 'the announcement of a direct message',
    });
    await conversationEntry(ahmed.page, 'room:general').click();
  });

  test('the sidebar keeps the keyboard focus while new messages and presence changes redraw it', { timeout: T }, async () => {
    const { page } = sara;
    const focused = () => page.evaluate(() => ({ ...document.activeElement.dataset }));
    await conversationEntry(page, 'room:weekend-trip').focus();
    await sendWithEnter(ahmed.page, 'a message that redraws the sidebar');
    await waitUntil(() => conversationEntry(page, 'room:general').getByTestId('conversation-preview').textContent(), {
      check: (text) => text.endsWith('a message that redraws the sidebar'), message: 'the new preview in the sidebar',
    });
    assert.equal((await focused()).conversation, 'room:weekend-trip', 'the focus stays on the same conversation');

    await userEntry(page, AHMED).focus();
    await ahmed.page.getByTestId('status-select').selectOption('away');
    await waitUntil(() => userEntry(page, AHMED).getAttribute('data-status'), {
      check: (status) => status === 'away', message: 'Ahmed shown away',
    });
    assert.equal((await focused()).username, AHMED, 'the focus stays on the same person');
    await ahmed.page.getByTestId('status-select').selectOption('online');
  });

  test('a click on the sidebar still opens its conversation when a message redraws the sidebar meanwhile', { timeout: T }, async () => {
    const { page } = sara;
    await conversationEntry(page, 'room:general').click();
    const box = await conversationEntry(page, 'room:weekend-trip').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await sendWithEnter(ahmed.page, 'a message between the mouse press and its release');
    await waitUntil(() => conversationEntry(page, 'room:general').getByTestId('conversation-preview').textContent(), {
      check: (text) => text.endsWith('between the mouse press and its release'), message: 'the new preview in the sidebar',
    });
    await page.mouse.up();
    assert.equal(await conversationEntry(page, 'room:weekend-trip').getAttribute('aria-current'), 'true',
      'the pressed conversation opened');
    await conversationEntry(page, 'room:general').click();
  });

  test('Escape closes a dialog, the reaction picker and the phone drawer', { timeout: T }, async () => {
    const { page } = sara;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('new-room').click();
    await page.getByTestId('room-name').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('room-dialog').waitFor({ state: 'hidden' });

    const message = messagesWithText(page, 'Anyone up for lunch?');
    await message.getByTestId('react-button').focus();
    await page.keyboard.press('Enter');
    await message.getByTestId('reaction-picker').waitFor();
    await page.keyboard.press('Escape');
    await message.getByTestId('reaction-picker').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'react-button', 'focus back on the toggle');
  });

  test('every control has a label', { timeout: T }, async () => {
    await sara.page.getByTestId('open-settings').click();
    const unlabelled = await sara.page.evaluate(() => {
      const named = (node) => {
        const label = node.getAttribute('aria-label') || node.getAttribute('aria-labelledby')
          || (node.labels && [...node.labels].map((l) => l.textContent.trim()).join(''))
          || (node.tagName === 'BUTTON' || node.tagName === 'A' ? node.textContent.trim() : '');
        return Boolean(label);
      };
      return [...document.querySelectorAll('button, a[href], input, select, textarea')]
        .filter((node) => !node.closest('[hidden]') && !node.hidden && node.type !== 'hidden')
        .filter((node) => !named(node))
        .map((node) => node.outerHTML.slice(0, 120));
    });
    await sara.page.keyboard.press('Escape');
    assert.deepEqual(unlabelled, []);
  });

  test('desktop notifications and the tab title while the tab is hidden', { timeout: T }, async () => {
    const layla = await newUserPage(LAYLA, { initScript: notificationAndVisibilityStubs });
    const { page } = layla;
    assert.equal(await page.title(), 'Majlis');
    // Turned on in the settings: the click asks the browser for permission.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('notify-toggle').check();
    await waitUntil(() => page.evaluate(() => window.__permissionRequests), { check: (n) => n === 1, message: 'the permission request' });
    assert.equal(await page.getByTestId('notify-toggle').isChecked(), true);
    await page.getByTestId('settings-close').click();

    await page.evaluate(() => window.__setHidden(true));
    await userEntry(ahmed.page, LAYLA).click();
    await sendWithEnter(ahmed.page, 'Layla, the meeting moved to 3pm');
    await waitUntil(() => page.evaluate(() => window.__notifications), {
      check: (list) => list.length === 1, message: 'a notification for the direct message',
    });
    const [dm] = await page.evaluate(() => window.__notifications);
    assert.equal(dm.title, 'Message from Ahmed');
    assert.equal(dm.body, 'Layla, the meeting moved to 3pm');
    await waitUntil(() => page.title(), { check: (title) => title === '(1) Majlis', message: 'one unread in the title' });

    // In a room: a message that does not mention Layla makes no notification, a mention does,
    // and the open conversation counts as unread while nobody looks at it.
    await sendWithEnter(sara.page, 'Lunch is at the usual place');
    await messagesWithText(page, 'Lunch is at the usual place').waitFor();
    await sendWithEnter(sara.page, 'thanks layla, see you there');
    await waitUntil(() => page.evaluate(() => window.__notifications), {
      check: (list) => list.length === 2, message: 'a notification for the mention',
    });
    const [, mention] = await page.evaluate(() => window.__notifications);
    assert.equal(mention.title, 'Sara mentioned you in #general');
    assert.equal(mention.body, 'thanks layla, see you there');
    await waitUntil(() => page.title(), { check: (title) => title === '(3) Majlis', message: 'three unread in the title' });

    // Back on the tab: the open room is read; the direct message is still unread.
    await page.evaluate(() => window.__setHidden(false));
    await waitUntil(() => page.title(), { check: (title) => title === '(1) Majlis', message: 'the room read' });
    await conversationEntry(page, 'dm:ahmed').click();
    await waitUntil(() => page.title(), { check: (title) => title === 'Majlis', message: 'nothing unread' });
    // Nothing more while the tab is visible.
    await sendWithEnter(ahmed.page, 'ok see you');
    await messagesWithText(page, 'ok see you').waitFor();
    assert.equal((await page.evaluate(() => window.__notifications)).length, 2);
    await conversationEntry(ahmed.page, 'room:general').click();
  });

  test('on a phone the sidebar is a drawer, and a message can be sent', { timeout: T }, async () => {
    const phone = await newUserPage('Mina', { viewport: { width: 390, height: 844 } });
    const { page } = phone;
    const sidebar = page.getByTestId('sidebar');
    assert.equal(await sidebar.isVisible(), false, 'the drawer starts closed');
    await page.getByTestId('menu-toggle').click();
    await sidebar.waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('menu-toggle').getAttribute('aria-expanded'), 'true');
    // the drawer takes the focus once its opening transition has run: on a busy machine a moment later
    await waitUntil(() => page.evaluate(() => document.getElementById('sidebar').contains(document.activeElement)),
      { message: 'the focus to move into the drawer' });
    await screenshot(page, 'app-phone-drawer.png');
    await page.keyboard.press('Escape');
    await sidebar.waitFor({ state: 'hidden' });

    await page.getByTestId('menu-toggle').click();
    await userEntry(page, SARA).click();
    await sidebar.waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('conversation-title').textContent(), SARA);
    await sendWithEnter(page, 'Hello from my phone');
    await messagesWithText(page, 'Hello from my phone').waitFor();
    await conversationEntry(sara.page, 'dm:mina').click();
    await messagesWithText(sara.page, 'Hello from my phone').waitFor();
    await screenshot(page, 'app-phone.png');
  });

  test('someone who goes offline shows when they were last seen', { timeout: T }, async () => {
    const mina = pages.at(-1);
    assert.match(await sara.page.getByTestId('conversation-subtitle').textContent(), /^Online$/);
    await mina.context.close();
    await waitUntil(() => sara.page.getByTestId('conversation-subtitle').textContent(), {
      check: (text) => /^Last seen/.test(text), message: 'Mina to be shown last seen',
    });
    assert.equal(await conversationEntry(sara.page, 'dm:mina').locator('.status-dot').getAttribute('data-status'), 'offline');
  });

  test('the theme follows the system, and the choice in the settings overrides it and is remembered', { timeout: T }, async () => {
    const dana = await newUserPage('Dana', { colorScheme: 'dark' });
    const { page } = dana;
    assert.equal(await bodyBackground(page), DARK_BACKGROUND);
    await page.getByTestId('open-settings').click();
    assert.equal(await page.getByTestId('theme-select').inputValue(), 'system');
    await page.getByTestId('theme-select').selectOption('light');
    assert.equal(await bodyBackground(page), LIGHT_BACKGROUND);
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
    await page.reload();
    await page.getByTestId('chat').waitFor();
    assert.equal(await bodyBackground(page), LIGHT_BACKGROUND, 'the choice survives a reload');

    // Dark chosen while the system is light.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('open-settings').click();
    await page.getByTestId('theme-select').selectOption('dark');
    assert.equal(await bodyBackground(page), DARK_BACKGROUND);
    await page.getByTestId('theme-select').selectOption('system');
    assert.equal(await bodyBackground(page), LIGHT_BACKGROUND);
    assert.equal(await page.locator('html').getAttribute('data-theme'), null);
  });

  test('no script errors, no CSP violations, no dialogs', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.dialogs, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
