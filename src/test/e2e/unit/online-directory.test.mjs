// Unit tests of app/online-directory.js (the paged, filtered online list): no server, no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineDirectory } from '../../../main/resources/META-INF/resources/app/online-directory.js';

/** A `users` request over `online` (sorted as the server sorts: by folded name), with the requests made. */
function fakeServer(online) {
  const requests = [];
  const sorted = [...online].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const fetchPage = async (request) => {
    requests.push(request);
    const { prefix = '', after = '', limit } = request;
    const matching = sorted.filter((n) => n.toLowerCase().startsWith(prefix.toLowerCase()) && n.toLowerCase() > after.toLowerCase());
    const page = matching.slice(0, limit);
    const reply = { users: page.map((username) => ({ username, status: 'online' })), online: online.length };
    if (matching.length > limit) reply.next = page[page.length - 1];
    return reply;
  };
  return { requests, fetchPage };
}

const NAMES = ['amal', 'Bilal', 'bot1', 'bot2', 'bot3', 'Dina', 'karim', 'omar', 'sara'];

describe('online directory', () => {
  test('loads page after page in the server\'s order until the last', async () => {
    const server = fakeServer(NAMES);
    const directory = new OnlineDirectory(server.fetchPage, { pageSize: 4 });
    assert.deepEqual((await directory.loadMore()).map((u) => u.username), ['amal', 'Bilal', 'bot1', 'bot2']);
    assert.equal(directory.complete, false);
    await directory.loadMore();
    await directory.loadMore();
    assert.deepEqual(directory.names, NAMES);
    assert.equal(directory.complete, true);
    assert.equal(await directory.loadMore(), null, 'nothing more to ask');
    assert.deepEqual(server.requests, [{ limit: 4 }, { limit: 4, after: 'bot2' }, { limit: 4, after: 'omar' }]);
  });

  test('a filter starts again from its first page; an answer for the old filter is dropped', async () => {
    const server = fakeServer(NAMES);
    const directory = new OnlineDirectory(server.fetchPage, { pageSize: 2 });
    const old = directory.loadMore();
    assert.equal(directory.loadMore(), old, 'one page on its way at a time');
    directory.reset('BO');
    const fresh = directory.loadMore();
    assert.equal(await old, null);
    assert.deepEqual((await fresh).map((u) => u.username), ['bot1', 'bot2']);
    assert.deepEqual(directory.names, ['bot1', 'bot2']);
    assert.deepEqual(server.requests.at(-1), { limit: 2, prefix: 'BO' });
    directory.reset();
    assert.equal(directory.prefix, 'BO', 'a reset keeps the filter');
    assert.deepEqual(directory.names, []);
  });

  test('someone coming online is listed where the name belongs, if the pages loaded reach it', async () => {
    const directory = new OnlineDirectory(fakeServer(NAMES).fetchPage, { pageSize: 4 });
    assert.equal(directory.noteOnline('aaron'), false, 'nothing loaded yet');
    await directory.loadMore();
    assert.equal(directory.noteOnline('Bob'), true);
    assert.equal(directory.noteOnline('zoe'), false, 'beyond the loaded pages: the next page brings it');
    assert.equal(directory.noteOnline('AMAL'), false, 'listed already');
    assert.deepEqual(directory.names, ['amal', 'Bilal', 'Bob', 'bot1', 'bot2']);
    directory.reset('s');
    await directory.loadMore();
    assert.equal(directory.noteOnline('Omar'), false, 'not matching the filter');
    assert.equal(directory.noteOnline('Zaid'), false);
    assert.equal(directory.noteOnline('Salma'), true, 'the last page is in: anything matching belongs');
    assert.deepEqual(directory.names, ['Salma', 'sara']);
  });

  test('a failed page can be asked again', async () => {
    let fail = true;
    const directory = new OnlineDirectory(async () => {
      if (fail) throw Object.assign(new Error('gone'), { code: 'disconnected' });
      return { users: [{ username: 'amal', status: 'away' }] };
    });
    await assert.rejects(directory.loadMore(), (e) => e.code === 'disconnected');
    fail = false;
    assert.deepEqual(await directory.loadMore(), [{ username: 'amal', status: 'away' }]);
    assert.equal(directory.complete, true);
  });
});
