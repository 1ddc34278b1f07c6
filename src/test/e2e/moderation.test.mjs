// Moderation in the page, with three guests in a room: its owner (Nadia) makes Sara a moderator
// from the members panel; Sara removes Omar's message (everyone sees "Removed by a moderator"),
// mutes him (his composer closes, saying until when; after a reload, when a message is refused;
// unmuting opens it), removes him from the room (he may join again) and bans him (the room
// leaves his sidebar, he cannot join it again, the others see the line and Sara the banned list);
// the owner's room settings set the topic and make the room read-only (the others' composer
// closes), rename it (it moves to its new name in every sidebar), then delete it (it leaves
// everyone's sidebar with a notice).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  conversationEntry, createRoom, messagesWithText, sendWithEnter, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;
const ROOM = 'majlis-mods';
const KEY = `room:${ROOM}`;
const RENAMED = 'majlis-readers';
const RENAMED_KEY = `room:${RENAMED}`;

const member = (page, name) => page.locator(`[data-testid="member"][data-username="${name}"]`);
const systemLines = (page) => page.getByTestId('system-line').allTextContents();

/** Opens the members panel of the open room, if it is closed. */
async function openMembers(page) {
  if (await page.getByTestId('members-panel').isHidden()) await page.getByTestId('members-toggle').click();
  await page.getByTestId('members-panel').waitFor();
}

describe('moderation in the page', { timeout: 300_000 }, () => {
  const scene = cast({ name: 'moderation' }, [{ name: 'Nadia' }, { name: 'Sara' }, { name: 'Omar' }]);
  let nadia; let sara; let omar;

  before(async () => {
    [nadia, sara, omar] = scene.users.map((u) => u.page);
    await createRoom(nadia, ROOM, { members: 'Sara Omar' });
    for (const page of [sara, omar]) {
      await page.locator(`[data-testid="invitation"][data-room="${ROOM}"]`).getByTestId('accept-invitation').click();
      await conversationEntry(page, KEY).click();
    }
  });

  test('the owner makes a member moderator from the members panel', { timeout: T }, async () => {
    await openMembers(nadia);
    await waitUntil(() => member(nadia, 'Omar').count(), { check: (n) => n === 1, message: 'Omar in the panel' });
    await member(nadia, 'Sara').getByTestId('member-moderate').click();
    await waitUntil(() => member(nadia, 'Sara').textContent(), { check: (text) => text.includes('moderator'), message: 'Sara marked moderator' });
    // Sara, now a moderator, has the actions on Omar, none on the owner; Omar has none at all.
    await openMembers(sara);
    await member(sara, 'Omar').getByTestId('member-ban').waitFor();
    assert.equal(await member(sara, 'Nadia').getByTestId('member-ban').count(), 0);
    await openMembers(omar);
    await member(omar, 'Sara').waitFor();
    assert.equal(await omar.locator('[data-mod-action]').count(), 0);
  });

  test('a moderator removes a message: everyone sees "Removed by a moderator"', { timeout: T }, async () => {
    await sendWithEnter(omar, 'cheap watches here');
    const message = messagesWithText(sara, 'cheap watches here');
    await message.waitFor();
    // Report is offered on others' messages to everyone; Remove only to moderators.
    await messagesWithText(omar, 'cheap watches here').hover();
    assert.equal(await messagesWithText(omar, 'cheap watches here').getByTestId('remove-message').count(), 0);
    await message.hover();
    await message.getByTestId('remove-message').click();
    await sara.getByTestId('remove-dialog').locator('[data-testid="field-reason"]').fill('spam');
    await sara.getByTestId('remove-dialog-submit').click();
    for (const page of [omar, nadia, sara]) {
      await waitUntil(() => page.locator('[data-removed="true"]').allTextContents(), {
        check: (texts) => texts.length === 1 && texts[0].includes('Removed by a moderator'), message: 'the removed message',
      });
    }
    assert.equal(await messagesWithText(omar, 'cheap watches here').count(), 0);
  });

  test('a muted member\'s composer is closed until the mute ends, or an unmute', { timeout: T }, async () => {
    await member(sara, 'Omar').getByTestId('member-mute').click();
    const dialog = sara.getByTestId('mute-dialog');
    await dialog.locator('select').selectOption('custom');
    await dialog.getByTestId('field-minutes').fill('90');
    await sara.getByTestId('mute-dialog-submit').click();
    const blocked = omar.getByTestId('composer-blocked');
    await blocked.waitFor();
    assert.match(await blocked.textContent(), /muted you in this room until .+: you can read but not post/);
    assert.equal(await omar.getByTestId('composer').isDisabled(), true);
    assert.equal(await omar.getByTestId('send').isDisabled(), true);
    await waitUntil(() => member(sara, 'Omar').textContent(), { check: (text) => /muted until/.test(text), message: 'Omar shown muted' });

    // Reloaded, the page does not know of the mute until a message is refused: then it says it.
    await omar.reload();
    await omar.getByTestId('chat').waitFor();
    await conversationEntry(omar, KEY).click();
    await waitUntil(() => omar.getByTestId('conversation-title').textContent(), { check: (title) => title === `# ${ROOM}`, message: 'the room open' });
    assert.equal(await blocked.isHidden(), true);
    await sendWithEnter(omar, 'let me speak');
    await waitUntil(() => omar.getByTestId('message-error').allTextContents(), {
      check: (texts) => texts.length === 1 && texts[0].includes('You are muted in this room'), message: 'the refusal on the message',
    });
    await blocked.waitFor();
    assert.match(await blocked.textContent(), /until/);
    await omar.getByTestId('discard').click();

    await member(sara, 'Omar').getByTestId('member-unmute').click();
    await blocked.waitFor({ state: 'hidden' });
    assert.equal(await omar.getByTestId('composer').isDisabled(), false);
    await sendWithEnter(omar, 'sorry');
    await messagesWithText(sara, 'sorry').waitFor();
  });

  test('a moderator removes a member from the room, who may join again', { timeout: T }, async () => {
    await member(sara, 'Omar').getByTestId('member-kick').click();
    await sara.getByTestId('kick-dialog-submit').click(); // no reason needed
    await waitUntil(() => conversationEntry(omar, KEY).count(), { check: (n) => n === 0, message: 'the room to leave Omar\'s sidebar' });
    await waitUntil(() => omar.getByTestId('notice').textContent(), { check: (text) => text === `A moderator removed you from ${ROOM}.`, message: 'the notice' });
    await waitUntil(() => systemLines(nadia), { check: (lines) => lines.includes('Omar was removed by a moderator'), message: 'the line' });
    assert.equal(await omar.evaluate((room) => window.majlis.client.joinRoom(room).then(() => 'joined', (e) => e.code), ROOM), 'joined');
    await conversationEntry(omar, KEY).click();
    await member(sara, 'Omar').waitFor();
  });

  test('a moderator bans a member: the room leaves their page and they cannot join again', { timeout: T }, async () => {
    await member(sara, 'Omar').getByTestId('member-ban').click();
    await sara.getByTestId('ban-dialog').locator('[data-testid="field-reason"]').fill('spam again');
    await sara.getByTestId('ban-dialog-submit').click();
    await waitUntil(() => conversationEntry(omar, KEY).count(), { check: (n) => n === 0, message: 'the room to leave Omar\'s sidebar' });
    await waitUntil(() => omar.getByTestId('notice').textContent(), { check: (text) => text.includes(`You were banned from ${ROOM}`), message: 'the notice' });
    for (const page of [sara, nadia]) {
      await waitUntil(() => systemLines(page), { check: (lines) => lines.includes('Omar was banned'), message: 'the ban line' });
    }
    await sara.locator('[data-testid="banned-member"][data-username="Omar"]').waitFor();
    // Not in the room list any more, and joining is refused.
    await omar.getByTestId('browse-rooms').click();
    await omar.getByTestId('browse-room').first().waitFor();
    assert.equal(await omar.locator(`[data-testid="browse-room"][data-room="${ROOM}"]`).count(), 0);
    await omar.getByTestId('browse-close').click();
    assert.equal(await omar.evaluate((room) => window.majlis.client.joinRoom(room).then(() => 'joined', (e) => e.code), ROOM), 'forbidden');

    // Unbanned from the moderator's list: the name leaves it, and Omar may join again.
    await sara.locator('[data-testid="banned-member"][data-username="Omar"]').getByTestId('member-unban').click();
    await sara.getByTestId('banned-section').waitFor({ state: 'hidden' });
    assert.equal(await omar.evaluate((room) => window.majlis.client.joinRoom(room).then(() => 'joined', (e) => e.code), ROOM), 'joined');
    await conversationEntry(omar, KEY).click();
  });

  test('the owner sets the topic, makes the room read-only, renames the room, then deletes it', { timeout: T }, async () => {
    await nadia.getByTestId('room-settings').click();
    const dialog = nadia.getByTestId('room-settings-dialog');
    await dialog.getByTestId('field-topic').fill('Tea and books');
    await dialog.getByTestId('field-readOnly').check();
    await nadia.getByTestId('room-settings-dialog-submit').click();
    await waitUntil(() => nadia.getByTestId('conversation-topic').textContent(), { check: (text) => text === 'Tea and books', message: 'the topic on the owner\'s page' });
    for (const page of [sara, omar]) {
      await waitUntil(() => page.getByTestId('conversation-topic').textContent(), { check: (text) => text === 'Tea and books', message: 'the topic' });
    }
    assert.equal(await sara.getByTestId('room-settings').isHidden(), true, 'only the owner and administrators');
    // Read-only: Omar's composer closes; Sara, a moderator, still posts.
    await waitUntil(() => omar.getByTestId('composer-blocked').textContent(), {
      check: (text) => text === 'This room is read-only: only its moderators post.', message: 'the read-only notice',
    });
    assert.equal(await sara.getByTestId('composer-blocked').isHidden(), true);
    assert.match(await omar.getByTestId('conversation-subtitle').textContent(), / · read-only$/);

    // renamed: the room moves to its new name in every sidebar, its messages with it
    await sendWithEnter(nadia, 'said before the new name');
    await messagesWithText(sara, 'said before the new name').waitFor();
    await nadia.getByTestId('room-settings').click();
    await nadia.getByTestId('room-settings-dialog').getByTestId('field-name').fill(RENAMED);
    await nadia.getByTestId('room-settings-dialog-submit').click();
    for (const page of [nadia, sara, omar]) {
      await waitUntil(() => conversationEntry(page, RENAMED_KEY).count(), { check: (n) => n === 1, message: 'the renamed room' });
      assert.equal(await conversationEntry(page, KEY).count(), 0, 'the old name is gone');
    }
    assert.match(await sara.getByTestId('notice').textContent(), new RegExp(`The room ${ROOM} is now called ${RENAMED}`));
    await conversationEntry(sara, RENAMED_KEY).click();
    await messagesWithText(sara, 'said before the new name').waitFor();

    await conversationEntry(nadia, RENAMED_KEY).click();
    await nadia.getByTestId('room-settings').click();
    await nadia.getByTestId('delete-room').click();
    await nadia.getByTestId('delete-room').click(); // the second click confirms
    for (const page of [nadia, sara, omar]) {
      await waitUntil(() => conversationEntry(page, RENAMED_KEY).count(), { check: (n) => n === 0, message: 'the room to go' });
    }
    assert.match(await sara.getByTestId('notice').textContent(), new RegExp(`The room ${RENAMED} was deleted`));
    assertNoPageErrors(scene.pages);
  });
});
