// The administration view, for a server administrator (an account named in `majlis.admins`):
// a guest reports a message, the administrator sees the report (message, author, reporter,
// reason), removes the message (its author sees "Removed by a moderator") and resolves the report
// (it leaves the list, the audit log has it); the administrators list; disabling an account signs
// it out and stops it signing in, enabling lets it in again. Nobody else has the view.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAccount, registerAccount } from '../../main/resources/META-INF/resources/majlis-client.js';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import { messagesWithText, sendWithEnter, signIn, waitUntil } from './lib/browser.mjs';

const T = 60_000;
const ADMIN = 'boss';
const PASSWORD = 'the boss password';

describe('the administration view', { timeout: 300_000 }, () => {
  const scene = cast({ name: 'administration', properties: { 'majlis.admins': ADMIN } }, [{ name: 'Sara' }, { name: 'Omar' }]);
  let sara; let omar; let boss;
  const rest = () => ({ base: scene.server.url });

  before(async () => {
    [sara, omar] = scene.users.map((u) => u.page);
    ({ page: boss } = await scene.newPage());
    await signIn(boss, ADMIN, PASSWORD, { register: true });
  });

  test('only an administrator has the view', { timeout: T }, async () => {
    await boss.getByTestId('open-admin').waitFor();
    assert.equal(await sara.getByTestId('open-admin').isHidden(), true);
  });

  test('a report reaches the administrator, who removes the message and resolves it', { timeout: T }, async () => {
    await sendWithEnter(omar, 'rude words here');
    const message = messagesWithText(sara, 'rude words here');
    await message.waitFor();
    await message.hover();
    // A guest has no Remove, only Report.
    assert.equal(await message.getByTestId('remove-message').count(), 0);
    await message.getByTestId('report-message').click();
    await sara.getByTestId('report-dialog-submit').click();
    assert.equal(await sara.getByTestId('report-dialog-error').textContent(), 'Please say why.');
    await sara.getByTestId('report-dialog').getByTestId('field-reason').fill('insults');
    await sara.getByTestId('report-dialog-submit').click();
    await waitUntil(() => sara.getByTestId('notice').textContent(), { check: (text) => text.startsWith('Reported.'), message: 'the thanks' });

    await boss.getByTestId('open-admin').click();
    const report = boss.getByTestId('admin-report');
    await report.waitFor();
    assert.equal(await report.count(), 1);
    assert.equal(await report.getByTestId('admin-report-message').textContent(), 'rude words here');
    assert.equal(await report.getByTestId('admin-report-reason').textContent(), 'Reason: insults');
    assert.match(await report.textContent(), /Sara reported Omar \(#general\)/);

    await report.getByTestId('admin-remove-message').click();
    await waitUntil(() => omar.locator('[data-removed="true"]').allTextContents(), {
      check: (texts) => texts.length === 1 && texts[0].includes('Removed by a moderator'), message: 'the removed message on Omar\'s page',
    });
    await waitUntil(() => report.getByTestId('admin-report-message').textContent(), {
      check: (text) => text === 'The message is no longer there.', message: 'the report to show the message gone',
    });

    await report.getByTestId('admin-resolve').click();
    await boss.getByTestId('resolve-dialog').getByTestId('field-resolution').fill('removed, warned');
    await boss.getByTestId('resolve-dialog-submit').click();
    await waitUntil(() => boss.getByTestId('admin-reports-status').textContent(), { check: (text) => text === 'No open reports.', message: 'no open report' });
    assert.equal(await boss.getByTestId('admin-report').count(), 0);
  });

  test('the audit log lists the actions newest first', { timeout: T }, async () => {
    await boss.getByTestId('admin-close').click();
    await boss.getByTestId('open-admin').click();
    await boss.getByTestId('admin-audit-item').first().waitFor();
    const actions = await boss.getByTestId('admin-audit-item').evaluateAll((items) => items.map((i) => i.dataset.action));
    assert.deepEqual(actions.slice(0, 3), ['resolve_report', 'remove_message', 'report']);
    assert.match(await boss.getByTestId('admin-audit-item').first().textContent(), /boss · resolved a report/);
    assert.equal(await boss.getByTestId('admin-audit-older').isHidden(), true, 'one page');
  });

  test('administrators are listed; an account is disabled and enabled by name', { timeout: T }, async () => {
    await boss.locator(`[data-testid="admin-admin"][data-username="${ADMIN}"]`).waitFor();
    await registerAccount('layla', 'layla password', rest());
    // Named and removed; one named in the configuration stays.
    const layla = boss.locator('[data-testid="admin-admin"][data-username="layla"]');
    await boss.getByTestId('admin-admins-name').fill('layla');
    await boss.getByTestId('admin-add-admin').click();
    await layla.waitFor();
    await layla.getByTestId('admin-remove-admin').click();
    await layla.waitFor({ state: 'detached' });
    await boss.locator(`[data-testid="admin-admin"][data-username="${ADMIN}"]`).getByTestId('admin-remove-admin').click();
    await waitUntil(() => boss.getByTestId('admin-admins-status').textContent(), { check: (text) => text === 'You are not allowed to do that.', message: 'the refusal' });
    await boss.getByTestId('admin-admins-name').fill('nobody-here');
    await boss.getByTestId('admin-add-admin').click();
    await waitUntil(() => boss.getByTestId('admin-admins-status').textContent(), { check: (text) => text.startsWith('Not found'), message: 'no such account' });
    assert.equal(await boss.locator(`[data-testid="admin-admin"][data-username="${ADMIN}"]`).count(), 1);

    const { token } = await loginAccount('layla', 'layla password', rest());
    assert.ok(token);

    await boss.getByTestId('admin-accounts-name').fill('layla');
    await boss.getByTestId('admin-disable').click();
    await waitUntil(() => boss.getByTestId('admin-accounts-status').textContent(), { check: (text) => text.startsWith('layla is disabled'), message: 'disabled' });
    await assert.rejects(loginAccount('layla', 'layla password', rest()), (e) => e.code === 'auth_failed');

    await boss.getByTestId('admin-accounts-name').fill('layla');
    await boss.getByTestId('admin-enable').click();
    await waitUntil(() => boss.getByTestId('admin-accounts-status').textContent(), { check: (text) => text === 'layla can sign in again.', message: 'enabled' });
    assert.ok((await loginAccount('layla', 'layla password', rest())).token);

    // Refusals show in the section: an administrator cannot be disabled.
    await boss.getByTestId('admin-accounts-name').fill(ADMIN);
    await boss.getByTestId('admin-disable').click();
    await waitUntil(() => boss.getByTestId('admin-accounts-status').textContent(), { check: (text) => text === 'You are not allowed to do that.', message: 'the refusal' });
    assertNoPageErrors(scene.pages);
  });
});
