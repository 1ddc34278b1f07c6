// The usual set-up of a browser test file: a server of its own, the browser, and a logged-in
// page per user, made before the tests and closed after them.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, loginAs, openPage } from './browser.mjs';

/**
 * Registers `before` / `after` hooks in the current `describe`: starts the server (`serverOptions`,
 * e.g. `{ name }`) and the browser, then opens and logs in one page per entry of `users`
 * (`{ name, ...openPage options }`). Returns `{ server, browser, pages, users, newPage(options) }`,
 * filled in once `before` has run: `users` has the users' pages ({ page, context, record }) in order.
 */
export function cast(serverOptions, users = []) {
  const scene = {
    server: null,
    browser: null,
    pages: [],
    users: [],
    /** Another page (a new browser profile), kept for the final checks. */
    async newPage(options) {
      const opened = await openPage(scene.browser, scene.server.url, options);
      scene.pages.push(opened);
      return opened;
    },
  };
  before(async () => {
    [scene.server, scene.browser] = await Promise.all([startServer(serverOptions), launchBrowser()]);
    for (const { name, ...options } of users) {
      const opened = await scene.newPage(options);
      await loginAs(opened.page, name);
      scene.users.push(opened);
    }
  });
  after(async () => {
    await scene.browser?.close().catch(() => {});
    await scene.server?.stop();
  });
  return scene;
}

/** No page had an uncaught script error. */
export function assertNoPageErrors(pages) {
  for (const p of pages) assert.deepEqual(p.record.pageErrors, []);
}
