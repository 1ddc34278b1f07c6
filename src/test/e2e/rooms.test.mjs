// Browser tests of rooms and the conversation extras against the real server: a private room
// made on one page shows on the other, with typing indicators, read receipts, reactions, edits,
// deletes and file attachments (an image shown inline, another file as a download link); a
// public room found in the room list, joined and left; invitations accepted (also after a
// reload) and declined.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pngImage } from './lib/images.mjs';
import { startServer } from './lib/server.mjs';
import {
  conversationEntry, createRoom, launchBrowser, loginAs, messagesWithText, openPage, screenshot, sendWithEnter,
  userEntry, waitUntil,
} from './lib/browser.mjs';

const T = 30_000;
const NADIA = 'Nadia';
const KARIM = 'Karim';
const OMAR = 'Omar';
const TEAM = 'team-x';
const TEAM_KEY = `room:${TEAM}`;

/** Text shown by the typing indicator of the open conversation. */
const typingText = (page) => page.getByTestId('typing').textContent();

/** The message element with this server id. */
const messageById = (page, id) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);

/** Sends `text` from the composer and returns the message's server id once it is acked. */
async function sendAndGetId(page, text) {
  await sendWithEnter(page, text);
  return waitUntil(() => messagesWithText(page, text).getAttribute('data-message-id'), {
    check: (id) => id && id.startsWith('m_'), message: `"${text}" to be acked`,
  });
}

/** Waits until the upload tray shows every staged file uploaded. */
async function waitUploaded(page, count) {
  await waitUntil(() => page.getByTestId('upload').evaluateAll((nodes) => nodes.map((n) => n.dataset.state)), {
    check: (states) => states.length === count && states.every((s) => s === 'done'),
    message: `${count} upload(s) to finish`,
  });
}

/** The pending invitation to `room` in the sidebar. */
const invitation = (page, room) => page.locator(`[data-testid="invitation"][data-room="${room}"]`);

/** Accepts the invitation to `room` from the sidebar; the room opens. */
async function acceptInvitation(page, room) {
  await invitation(page, room).getByTestId('accept-invitation').click();
  await waitUntil(() => page.getByTestId('conversation-title').textContent(), {
    check: (title) => title.replace(/^#/, '').trim() === room, message: `the accepted room ${room} to open`,
  });
  assert.equal(await invitation(page, room).count(), 0);
}

/** Names in the members panel of the open room (opening the panel if needed). */
async function memberNames(page) {
  if (await page.getByTestId('members-panel').isHidden()) await page.getByTestId('members-toggle').click();
  return page.getByTestId('member').evaluateAll((nodes) => nodes.map((n) => n.dataset.username));
}

describe('rooms, typing, receipts, reactions, edits and files on the page', { timeout: 360_000 }, () => {
  let server;
  let browser;
  let nadia;
  let karim;
  let omar;
  const pages = [];

  async function newUserPage(name) {
    const p = await openPage(browser, server.url);
    pages.push(p);
    await loginAs(p.page, name);
    return p;
  }

  before(async () => {
    // Uploads up to 1 MiB: the page learns it from the welcome (not its default of 10 MiB).
    [server, browser] = await Promise.all([
      startServer({ name: 'rooms', properties: { 'majlis.files.max-size': '1M' } }), launchBrowser(),
    ]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('one page creates a private room inviting the other, who accepts; it shows on both', { timeout: T }, async () => {
    nadia = await newUserPage(NADIA);
    karim = await newUserPage(KARIM);
    await userEntry(nadia.page, KARIM).waitFor();
    await createRoom(nadia.page, TEAM, { isPrivate: true, members: KARIM });
    const own = conversationEntry(nadia.page, TEAM_KEY);
    assert.equal(await own.getAttribute('aria-current'), 'true');
    assert.equal(await own.getAttribute('data-private'), 'true');
    assert.match(await nadia.page.getByTestId('conversation-subtitle').textContent(), /private room/i);
    // The header shows the sidebar's padlock, not a '#'.
    const titleIcon = nadia.page.getByTestId('conversation-title').getByTestId('title-icon');
    assert.equal(await titleIcon.locator('svg.lock').count(), 1);
    assert.equal((await titleIcon.textContent()).trim(), '');

    // Karim is invited, not yet a member: he accepts, then the room is in his sidebar with who is in it.
    await invitation(karim.page, TEAM).waitFor();
    assert.match(await invitation(karim.page, TEAM).textContent(), new RegExp(`${NADIA} invited you to #${TEAM}`));
    assert.equal(await conversationEntry(karim.page, TEAM_KEY).count(), 0);
    assert.deepEqual(await memberNames(nadia.page), [NADIA]);
    await screenshot(karim.page, 'chat-room-invitation.png');
    await acceptInvitation(karim.page, TEAM);
    const theirs = conversationEntry(karim.page, TEAM_KEY);
    await theirs.waitFor();
    assert.equal(await theirs.getAttribute('data-private'), 'true');
    await theirs.click();
    assert.deepEqual((await memberNames(karim.page)).sort(), [KARIM, NADIA]);
    await karim.page.getByTestId('members-toggle').click();
    await karim.page.getByTestId('members-panel').waitFor({ state: 'hidden' });
    await nadia.page.getByTestId('members-toggle').click();
    await nadia.page.getByTestId('members-panel').waitFor({ state: 'hidden' });
  });

  test('typing shows on the other page and clears when the composer is emptied or the message sent', { timeout: T }, async () => {
    const composer = nadia.page.getByTestId('composer');
    await composer.pressSequentially('hel');
    await waitUntil(() => typingText(karim.page), {
      check: (text) => text === `${NADIA} is typing…`, message: 'the typing indicator on Karim\'s page',
    });
    assert.equal(await typingText(nadia.page), '', 'nobody is shown typing to themselves');
    // The server relays at most one typing frame a second: let the "stopped" one through.
    await new Promise((r) => setTimeout(r, 1100));
    await composer.fill('');
    // Well before the 6 s expiry: it is the "stopped typing" frame that clears it.
    await waitUntil(() => typingText(karim.page), { check: (text) => text === '', timeout: 4000, message: 'the indicator to clear' });

    await composer.pressSequentially('hello team');
    await waitUntil(() => typingText(karim.page), { check: (text) => /typing/.test(text), message: 'typing again' });
    await composer.press('Enter');
    await messagesWithText(karim.page, 'hello team').waitFor();
    await waitUntil(() => typingText(karim.page), { check: (text) => text === '', timeout: 4000, message: 'cleared by the message' });
  });

  test('the room shows who has seen the last own message', { timeout: T }, async () => {
    // Karim has the room open: he reads "hello team" at once.
    const seen = messagesWithText(nadia.page, 'hello team').getByTestId('seen-by');
    await waitUntil(() => seen.textContent().catch(() => ''), {
      check: (text) => text === `Seen by ${KARIM}`, message: '"Seen by Karim" under Nadia\'s message',
    });
  });

  test('a reaction shows on the other page and toggles', { timeout: T }, async () => {
    const onKarim = messagesWithText(karim.page, 'hello team');
    await onKarim.hover();
    await onKarim.getByTestId('react-button').click();
    await onKarim.getByTestId('reaction-picker').waitFor();
    await onKarim.locator('[data-testid="reaction-option"][data-emoji="👍"]').click();
    await onKarim.getByTestId('reaction-picker').waitFor({ state: 'detached' });

    const chipOn = (page) => messagesWithText(page, 'hello team').locator('[data-testid="reaction"][data-emoji="👍"]');
    await chipOn(nadia.page).waitFor();
    assert.equal(await chipOn(nadia.page).getByTestId('reaction-count').textContent(), '1');
    assert.equal(await chipOn(nadia.page).getAttribute('aria-pressed'), 'false');
    assert.equal(await chipOn(karim.page).getAttribute('aria-pressed'), 'true');

    // Nadia adds hers by clicking the chip; Karim takes his back the same way.
    await chipOn(nadia.page).click();
    await waitUntil(() => chipOn(karim.page).getByTestId('reaction-count').textContent(), {
      check: (n) => n === '2', message: 'two 👍 on Karim\'s page',
    });
    await chipOn(karim.page).click();
    await waitUntil(() => chipOn(nadia.page).getByTestId('reaction-count').textContent(), {
      check: (n) => n === '1', message: 'one 👍 left on Nadia\'s page',
    });
    assert.equal(await chipOn(nadia.page).getAttribute('aria-pressed'), 'true');
  });

  test('an edit shows on the other page, marked as edited', { timeout: T }, async () => {
    const mine = messagesWithText(nadia.page, 'hello team');
    const id = await mine.getAttribute('data-message-id');
    await mine.hover();
    await mine.getByTestId('edit-message').click();
    const composer = nadia.page.getByTestId('composer');
    assert.equal(await composer.inputValue(), 'hello team');
    await nadia.page.getByTestId('edit-bar').waitFor();
    await composer.fill('hello team, edited');
    await composer.press('Enter');

    const edited = messageById(karim.page, id);
    await waitUntil(() => edited.getByTestId('message-text').textContent(), {
      check: (text) => text === 'hello team, edited', message: 'the edited text on Karim\'s page',
    });
    assert.equal(await edited.getByTestId('message-edited').textContent(), '(edited)');
    assert.equal(await messagesWithText(karim.page, 'hello team').count(), 0);
    // The reaction stays with the edited message; the composer is back to new messages.
    assert.equal(await edited.locator('[data-testid="reaction"][data-emoji="👍"]').count(), 1);
    assert.equal(await composer.inputValue(), '');
    assert.equal(await nadia.page.getByTestId('edit-bar').isHidden(), true);
    assert.equal(await messageById(nadia.page, id).getByTestId('message-edited').textContent(), '(edited)');
  });

  test('a delete shows on the other page: no text any more', { timeout: T }, async () => {
    const id = await sendAndGetId(nadia.page, 'this will be deleted');
    await messagesWithText(karim.page, 'this will be deleted').waitFor();
    // Only the author has edit and delete buttons.
    const theirs = messageById(karim.page, id);
    assert.equal(await theirs.getByTestId('delete-message').count(), 0);
    assert.equal(await theirs.getByTestId('edit-message').count(), 0);

    const mine = messageById(nadia.page, id);
    await mine.hover();
    const remove = mine.getByTestId('delete-message');
    await remove.click(); // asks again
    assert.equal(await remove.textContent(), 'Delete?');
    await remove.click();
    await theirs.getByTestId('message-deleted').waitFor();
    assert.equal(await theirs.getByTestId('message-deleted').textContent(), 'message deleted');
    assert.equal(await messagesWithText(karim.page, 'this will be deleted').count(), 0);
    assert.equal(await theirs.getAttribute('data-deleted'), 'true');
    await mine.getByTestId('message-deleted').waitFor();
  });

  test('an uploaded image shows as an image on the other page', { timeout: T }, async () => {
    const png = pngImage(24, 16);
    await nadia.page.getByTestId('file-input').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: png });
    await waitUploaded(nadia.page, 1);
    // A message may be just the file: nothing typed.
    assert.equal(await nadia.page.getByTestId('composer').inputValue(), '');
    await nadia.page.getByTestId('send').click();
    await nadia.page.getByTestId('upload-list').waitFor({ state: 'hidden' });

    const image = karim.page.getByTestId('attachment-image').last().locator('img');
    await image.waitFor();
    const loaded = await waitUntil(() => image.evaluate((img) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })), {
      check: (i) => i.complete && i.width > 0, message: 'the image to load on Karim\'s page',
    });
    assert.deepEqual([loaded.width, loaded.height], [24, 16]);
    assert.equal(await image.getAttribute('alt'), 'square.png');
    const href = await karim.page.getByTestId('attachment-image').last().getAttribute('href');
    assert.match(href, /^\/api\/files\/[^?]+\?key=/);
    await screenshot(karim.page, 'chat-room-image.png');
  });

  test('a file that is not an image, dropped on the conversation, is a download link', { timeout: T }, async () => {
    const content = 'meeting notes\nline 2\n';
    // Drag and drop, as a person would from their file manager.
    await nadia.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'notes.txt', { type: 'text/plain' }));
      const pane = document.querySelector('.conversation-pane');
      pane.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      pane.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, content);
    await waitUploaded(nadia.page, 1);
    await sendWithEnter(nadia.page, 'the notes');

    const message = messagesWithText(karim.page, 'the notes');
    const link = message.getByTestId('attachment-file');
    await link.waitFor();
    assert.equal(await link.locator('.attachment-name').textContent(), 'notes.txt');
    assert.equal(await link.getAttribute('download'), 'notes.txt');
    assert.match(await link.textContent(), /21B/);
    assert.equal(await message.getByTestId('attachment-image').count(), 0);
    // The link works for the other member, and the file comes as a download, not as a page.
    const href = await link.getAttribute('href');
    const fetched = await karim.page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, text: await res.text(), disposition: res.headers.get('content-disposition') };
    }, href);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.text, content);
    assert.match(String(fetched.disposition), /attachment/i);
  });

  test('a file over this server\'s size limit is refused before it is sent, naming that limit', { timeout: T }, async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 1); // the server takes 1 MiB here
    const uploads = [];
    nadia.page.on('request', (request) => { if (request.url().includes('/api/files')) uploads.push(request.url()); });
    await nadia.page.getByTestId('file-input').setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: big });
    const error = nadia.page.getByTestId('composer-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'File too large: big.bin is 2.1 MB; at most 1 MB.');
    assert.deepEqual(uploads, [], 'nothing was sent');
  });

  test('direct messages show sent, then read, ticks', { timeout: T }, async () => {
    // Karim stays in the room: the direct message waits unread.
    await userEntry(nadia.page, KARIM).click();
    await sendAndGetId(nadia.page, 'just between us');
    const ticks = messagesWithText(nadia.page, 'just between us').getByTestId('message-ticks');
    assert.equal(await ticks.getAttribute('data-state'), 'sent');
    assert.equal(await ticks.textContent(), '✓');
    await conversationEntry(karim.page, `dm:${NADIA.toLowerCase()}`).click();
    await messagesWithText(karim.page, 'just between us').waitFor();
    await waitUntil(() => ticks.getAttribute('data-state'), { check: (s) => s === 'read', message: 'the read ticks' });
    assert.equal(await ticks.textContent(), '✓✓');
    // Karim's own copy of Nadia's message has no ticks: they are for the sender.
    assert.equal(await messagesWithText(karim.page, 'just between us').getByTestId('message-ticks').count(), 0);
  });

  test('a typing indicator nobody refreshes goes away after 6 s', { timeout: T }, async () => {
    // Karim's page says "typing" once, as a client that then went silent would.
    await karim.page.evaluate((name) => window.majlis.client.send('typing', { to: name, active: true }), NADIA);
    await waitUntil(() => typingText(nadia.page), { check: (text) => text === `${KARIM} is typing…`, message: 'shown' });
    const shownAt = Date.now();
    await waitUntil(() => typingText(nadia.page), { check: (text) => text === '', timeout: 9000, message: 'expired' });
    const after = Date.now() - shownAt;
    assert.ok(after > 4500, `dropped after ${after} ms`);
  });

  test('a public room is found in the list, joined and left', { timeout: T }, async () => {
    await createRoom(karim.page, 'lounge');
    assert.equal(await conversationEntry(karim.page, 'room:lounge').getAttribute('data-private'), 'false');

    await nadia.page.getByTestId('browse-rooms').click();
    const entry = nadia.page.locator('[data-testid="browse-room"][data-room="lounge"]');
    await entry.waitFor();
    // Rooms Nadia is in can be opened from the list; public ones joined.
    await nadia.page.locator(`[data-testid="browse-room"][data-room="${TEAM}"] [data-testid="open-room"]`).waitFor();
    await entry.getByTestId('join-room').click();
    await nadia.page.getByTestId('browse-dialog').waitFor({ state: 'hidden' });
    await waitUntil(() => nadia.page.getByTestId('conversation-title').textContent(), {
      check: (title) => title === '# lounge', message: 'the joined room to open',
    });
    await conversationEntry(karim.page, 'room:lounge').click();
    await waitUntil(() => memberNames(karim.page), {
      check: (names) => names.includes(NADIA), message: 'Nadia in the lounge\'s members on Karim\'s page',
    });

    await sendWithEnter(nadia.page, 'hi lounge');
    await messagesWithText(karim.page, 'hi lounge').waitFor();

    const leave = nadia.page.getByTestId('leave-room');
    await leave.click();
    await leave.click();
    await conversationEntry(nadia.page, 'room:lounge').waitFor({ state: 'detached' });
    assert.equal(await nadia.page.getByTestId('conversation-title').textContent(), '# general');
    await waitUntil(() => memberNames(karim.page), {
      check: (names) => names.length > 0 && !names.includes(NADIA), message: 'Nadia gone from the lounge\'s members',
    });
  });

  test('a member invites a third user into the private room', { timeout: T }, async () => {
    omar = await newUserPage(OMAR);
    await nadia.page.getByTestId('browse-rooms').click();
    await nadia.page.locator('[data-testid="browse-room"][data-room="lounge"]').waitFor();
    await nadia.page.getByTestId('browse-close').click();
    // A private room is not listed for someone outside it.
    await omar.page.getByTestId('browse-rooms').click();
    await omar.page.locator('[data-testid="browse-room"][data-room="lounge"]').waitFor();
    assert.equal(await omar.page.locator(`[data-testid="browse-room"][data-room="${TEAM}"]`).count(), 0);
    await omar.page.getByTestId('browse-close').click();

    await conversationEntry(karim.page, TEAM_KEY).click();
    await memberNames(karim.page);
    await karim.page.getByTestId('invite-name').fill(OMAR);
    await karim.page.getByTestId('invite-submit').click();
    await waitUntil(() => karim.page.getByTestId('invite-status').textContent(), {
      check: (text) => text.includes(OMAR), message: 'the invitation to be confirmed',
    });
    // The invitation waits for Omar, a reload included, until he accepts it.
    await invitation(omar.page, TEAM).waitFor();
    await omar.page.reload();
    await omar.page.getByTestId('chat').waitFor({ state: 'visible' });
    await acceptInvitation(omar.page, TEAM);
    const entry = conversationEntry(omar.page, TEAM_KEY);
    await entry.waitFor();
    await entry.click();
    // Omar sees the room's messages, the edit and the delete included.
    await messagesWithText(omar.page, 'hello team, edited').waitFor();
    assert.equal(await messagesWithText(omar.page, 'this will be deleted').count(), 0);
    await conversationEntry(nadia.page, TEAM_KEY).click();
    await waitUntil(() => memberNames(nadia.page), {
      check: (names) => names.includes(OMAR), message: 'Omar among the members on Nadia\'s page',
    });
    await screenshot(nadia.page, 'chat-room-members.png');
  });

  test('a declined invitation is gone, and the room stays closed', { timeout: T }, async () => {
    await createRoom(nadia.page, 'quiet', { isPrivate: true, members: OMAR });
    await invitation(omar.page, 'quiet').waitFor();
    await invitation(omar.page, 'quiet').getByTestId('decline-invitation').click();
    await invitation(omar.page, 'quiet').waitFor({ state: 'detached' });
    assert.equal(await conversationEntry(omar.page, 'room:quiet').count(), 0);
    await omar.page.reload();
    await omar.page.getByTestId('chat').waitFor({ state: 'visible' });
    await conversationEntry(omar.page, TEAM_KEY).waitFor();
    assert.equal(await invitation(omar.page, 'quiet').count(), 0);
  });

  test('after a reload the members panel lists the members again', { timeout: T }, async () => {
    await nadia.page.reload();
    await nadia.page.getByTestId('chat').waitFor({ state: 'visible' });
    const entry = conversationEntry(nadia.page, TEAM_KEY);
    await entry.waitFor();
    await entry.click();
    await waitUntil(() => memberNames(nadia.page), {
      check: (names) => [NADIA, KARIM, OMAR].every((name) => names.includes(name)),
      message: 'every member listed after the reload',
    });
  });

  test('no script errors, no CSP violations, no dialogs', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.dialogs, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
