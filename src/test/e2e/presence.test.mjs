// Presence by interest on the page, against a server whose presence threshold is 3 (above it the
// `subscribed` scope): the online count, the online list a page at a time and filtered by name,
// presence changes for the users shown and none for the others, the subscription again after a
// reconnect, the members panel of a big room, "New message" to anyone by name (an offline account,
// a name nobody has), Arabic, and the switches back to the `all` scope and up again.
//
// The crowd: guests logged in over plain WebSockets from one more page (no chat view), which
// joins rooms, changes status and leaves when told.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  createRoom, launchBrowser, loginAs, messagesWithText, openPage, screenshot, sendWithEnter, signIn, userEntry,
  waitReconnected, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;
const SARA = 'Sara';
const FARIDA = 'Farida';               // a registered account, offline while Sara writes to her
const PASSWORD = 'farida-secret-1';
const HALL = 'hall';
const BOTS = Array.from({ length: 60 }, (_, i) => `bot${String(i + 1).padStart(2, '0')}`);

/** Guests connected from `page` over WebSockets: connect, send a frame as one of them, leave. */
async function openCrowd(browser, url) {
  const { page } = await openPage(browser, url);
  await page.evaluate(() => {
    window.crowd = new Map();
    window.crowdConnect = (name) => new Promise((resolve, reject) => {
      const ws = new WebSocket(new URL('/ws', location.href).href.replace(/^http/, 'ws'));
      ws.onopen = () => ws.send(JSON.stringify({ type: 'login', id: 'login', payload: { username: name } }));
      ws.onmessage = (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === 'welcome') {
          window.crowd.set(name, ws);
          resolve();
        } else if (frame.type === 'error' && frame.payload?.ref === 'login') {
          reject(new Error(`${name}: ${frame.payload.code}`));
        }
      };
      ws.onclose = () => reject(new Error(`${name}: closed`));
    });
  });
  return {
    connect: (names) => page.evaluate((list) => Promise.all(list.map((name) => window.crowdConnect(name))), names),
    send: (name, type, payload) => page.evaluate(([who, frameType, framePayload]) => {
      window.crowd.get(who).send(JSON.stringify({ type: frameType, payload: framePayload }));
    }, [name, type, payload]),
    leave: (names) => page.evaluate((list) => list.forEach((name) => {
      window.crowd.get(name).onclose = null;
      window.crowd.get(name).close();
      window.crowd.delete(name);
    }), names),
  };
}

/** The usernames in the online list, in order. */
const listedUsers = (page) => page.getByTestId('user').evaluateAll((nodes) => nodes.map((n) => n.dataset.username));

/** The usernames in the members panel, in order. */
const listedMembers = (page) => page.getByTestId('member').evaluateAll((nodes) => nodes.map((n) => n.dataset.username));

const memberDot = (page, name) => page.locator(`[data-testid="member"][data-username="${name}"] .status-dot`);

async function waitForList(probe, expected, message) {
  await waitUntil(probe, { check: (names) => JSON.stringify(names) === JSON.stringify(expected), message });
}

/** Records the `presence` frames the page receives: [username, status] of each change, and the
 *  names of each answer to a subscription (the users the server then sends changes of). */
const recordPresence = (page) => page.evaluate(() => {
  window.presenceSeen = { changes: [], subscribed: [] };
  window.majlis.client.on('presence', (p) => {
    if (p.ref) window.presenceSeen.subscribed.push((p.changes || []).map((c) => c.username).sort());
    else (p.changes || []).forEach((c) => window.presenceSeen.changes.push([c.username, c.status]));
  });
});
const presenceSeen = (page) => page.evaluate(() => window.presenceSeen);

describe('presence by interest on the page (threshold 3)', { timeout: 600_000 }, () => {
  let server;
  let browser;
  let crowd;
  let sara;

  before(async () => {
    [server, browser] = await Promise.all([
      startServer({ name: 'presence', properties: { 'majlis.presence.large-threshold': '3' } }),
      launchBrowser(),
    ]);
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: FARIDA, password: PASSWORD }),
    });
    assert.equal(registered.status, 201);
    crowd = await openCrowd(browser, server.url);
    await crowd.connect(BOTS);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('the online list says how many are online and comes a page at a time, filtered by name', { timeout: T }, async () => {
    sara = (await openPage(browser, server.url)).page;
    await loginAs(sara, SARA);
    await recordPresence(sara);
    await waitUntil(() => sara.getByTestId('online-count').textContent(), {
      check: (text) => text === '61 online', message: 'the count of everyone online',
    });
    await waitForList(() => listedUsers(sara), BOTS.slice(0, 50), 'the first page');
    await screenshot(sara, 'presence-online-list.png');
    await sara.getByTestId('user-more').click();
    await waitForList(() => listedUsers(sara), BOTS, 'the second page, the last (Sara is not listed)');
    assert.equal(await sara.getByTestId('user-more').isHidden(), true);

    await sara.getByLabel('Find people online').fill('zz');
    await waitUntil(() => sara.getByTestId('nobody-online').textContent(), {
      check: (text) => text === 'Nobody online has a name starting with “zz”.', message: 'no match said',
    });
    await sara.getByTestId('user-filter').fill('BOT0');
    await waitForList(() => listedUsers(sara), BOTS.slice(0, 9), 'the names starting with bot0, ignoring case');
    assert.equal(await sara.getByTestId('user-more').isHidden(), true);
    assert.equal(await userEntry(sara, 'bot03').getAttribute('data-status'), 'online');
  });

  test('changes come for the users shown, not for the others', { timeout: T }, async () => {
    // The page subscribed to the names it shows, and only to them.
    await waitUntil(async () => (await presenceSeen(sara)).subscribed.at(-1), {
      check: (names) => JSON.stringify(names) === JSON.stringify(BOTS.slice(0, 9)), message: 'the subscription to bot01…bot09',
    });
    await crowd.send('bot03', 'status', { status: 'away' });
    await waitUntil(() => userEntry(sara, 'bot03').getAttribute('data-status'), {
      check: (status) => status === 'away', message: 'bot03 away on Sara\'s page',
    });
    // bot55 is not shown (the filter is bot0): its leaving reaches Sara's page no more than its
    // status did; bot05's, which is shown, comes, in the same ~100 ms batch or after it.
    await crowd.send('bot55', 'status', { status: 'busy' });
    await crowd.leave(['bot55']);
    await crowd.leave(['bot05']);
    await waitUntil(() => userEntry(sara, 'bot05').count(), { check: (n) => n === 0, message: 'bot05 gone from the list' });
    await new Promise((r) => setTimeout(r, 500));
    const seen = (await presenceSeen(sara)).changes;
    assert.deepEqual(seen.filter(([name]) => name === 'bot55'), [], JSON.stringify(seen));
    assert.ok(seen.some(([name, status]) => name === 'bot05' && status === 'offline'), JSON.stringify(seen));
  });

  test('after a reconnect the page subscribes again to the users it shows', { timeout: T }, async () => {
    await sara.evaluate(() => window.majlis.client.ws.close());
    await waitReconnected(sara);
    await waitForList(() => listedUsers(sara), ['bot01', 'bot02', 'bot03', 'bot04', 'bot06', 'bot07', 'bot08', 'bot09'],
      'the filtered list again');
    await crowd.send('bot07', 'status', { status: 'busy' });
    await waitUntil(() => userEntry(sara, 'bot07').getAttribute('data-status'), {
      check: (status) => status === 'busy', message: 'bot07 busy after the reconnect',
    });
  });

  test('the members panel of a big room pages, filters, and shows the presence of the members shown', { timeout: T }, async () => {
    await createRoom(sara, HALL);
    const joining = BOTS.filter((name) => name !== 'bot05' && name !== 'bot55');
    for (const name of joining) await crowd.send(name, 'join_room', { room: HALL });
    const toggle = sara.getByTestId('members-toggle');
    await waitUntil(() => toggle.textContent(), { check: (text) => text === 'Members (59)', message: 'everyone joined' });
    await toggle.click();
    await waitForList(() => listedMembers(sara), joining.slice(0, 50), 'the first 50 members (Sara comes last)');
    await sara.getByTestId('members-more').click();
    assert.equal((await listedMembers(sara)).length, 59);
    assert.equal(await sara.getByTestId('members-more').isHidden(), true);

    await sara.getByLabel('Find a member').fill('bot4');
    await waitForList(() => listedMembers(sara), BOTS.slice(39, 49), 'the members starting with bot4');
    // Neither in the online list (bot0…) nor a direct partner: their changes come for the panel.
    await crowd.send('bot42', 'status', { status: 'away' });
    await waitUntil(() => memberDot(sara, 'bot42').getAttribute('data-status'), {
      check: (status) => status === 'away', message: 'bot42 away in the members panel',
    });
    await crowd.leave(['bot41']);
    await waitUntil(() => memberDot(sara, 'bot41').getAttribute('data-status'), {
      check: (status) => status === 'offline', message: 'bot41 offline in the members panel',
    });
    await toggle.click();
  });

  test('New message opens a direct conversation by name: someone suggested, an offline account, a name nobody has', { timeout: T }, async () => {
    const dialog = sara.getByTestId('direct-dialog');
    await sara.getByTestId('new-direct').click();
    await sara.getByLabel('To', { exact: true }).pressSequentially('bot1');
    await waitUntil(() => sara.getByTestId('direct-matches').textContent(), {
      check: (text) => text === '8 people online match', message: 'suggestions',
    });
    await sara.locator('[data-testid="direct-suggestion"][data-username="bot12"]').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await sara.getByTestId('conversation-title').textContent(), 'bot12');
    await waitUntil(() => sara.getByTestId('conversation-subtitle').textContent(), {
      check: (text) => text === 'Online', message: 'the status of the partner shown',
    });

    await sara.getByTestId('new-direct').click();
    await sara.getByTestId('direct-name').fill(SARA.toLowerCase());
    await sara.getByTestId('direct-name').press('Enter');
    assert.equal(await sara.getByTestId('direct-error').textContent(), 'That is you. Pick someone else.');
    await sara.getByTestId('direct-name').fill(FARIDA);
    await sara.getByTestId('direct-open').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await sara.getByTestId('conversation-title').textContent(), FARIDA);
    assert.equal(await sara.getByTestId('conversation-subtitle').textContent(), 'Offline');
    await sendWithEnter(sara, 'Hello Farida');
    await waitUntil(() => messagesWithText(sara, 'Hello Farida').getAttribute('data-message-id'), {
      check: (id) => id?.startsWith('m_'), message: 'the message to the offline account stored',
    });

    await sara.getByTestId('new-direct').click();
    await sara.getByTestId('direct-name').fill('Nobody42');
    await sara.getByTestId('direct-name').press('Enter');
    await sendWithEnter(sara, 'anyone there?');
    await waitUntil(() => sara.getByTestId('composer-error').textContent(), {
      check: (text) => /no such user/.test(text), message: 'user_not_found said',
    });
    assert.match(await messagesWithText(sara, 'anyone there?').textContent(), /Not sent: There is no such user/);

    const farida = (await openPage(browser, server.url)).page;
    await signIn(farida, FARIDA, PASSWORD);
    await farida.locator('[data-testid="conversation"][data-conversation="dm:sara"]').click();
    await messagesWithText(farida, 'Hello Farida').waitFor();
    await farida.context().close();
  });

  test('in Arabic the count and the filter read right to left', { timeout: T }, async () => {
    await sara.getByTestId('open-settings').click();
    await sara.getByTestId('language-select').selectOption('ar');
    await sara.getByTestId('settings-close').click();
    assert.equal(await sara.evaluate(() => document.documentElement.dir), 'rtl');
    assert.match(await sara.getByTestId('online-count').textContent(), /متصل/);
    assert.equal(await sara.getByTestId('user-filter').getAttribute('placeholder'), 'يبدأ الاسم بـ…');
    await sara.getByTestId('open-settings').click();
    await sara.getByTestId('language-select').selectOption('en');
    await sara.getByTestId('settings-close').click();
  });

  test('below 80 % of the threshold the page is in the all scope again, and above it subscribed again', { timeout: T }, async () => {
    await crowd.leave(BOTS.filter((name) => !['bot05', 'bot55', 'bot41'].includes(name)));
    await sara.getByTestId('user-filter').waitFor({ state: 'hidden' });
    await waitUntil(() => sara.getByTestId('nobody-online').textContent(), {
      check: (text) => text === 'Nobody else is online yet.', message: 'the all scope: everyone online, nobody',
    });
    assert.equal(await sara.getByTestId('online-count').textContent(), '0');

    await crowd.connect(['late1', 'late2', 'late3']);
    await sara.getByTestId('user-filter').waitFor({ state: 'visible' });
    await waitUntil(() => sara.getByTestId('online-count').textContent(), {
      check: (text) => text === '4 online', message: 'the subscribed scope again',
    });
    await waitUntil(() => sara.getByTestId('nobody-online').textContent(), {
      check: (text) => text === 'Nobody online has a name starting with “BOT0”.', message: 'the filter kept',
    });
    await sara.getByTestId('user-filter').fill('');
    await waitForList(() => listedUsers(sara), ['late1', 'late2', 'late3'], 'everyone online but Sara');
  });
});
