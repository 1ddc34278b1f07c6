// Starts the packaged Majlis server (the Quarkus jar) as a separate process for browser tests.
//
//   const server = await startServer();   // free port, fresh data dir, waits for readiness
//   server.url                             // http://127.0.0.1:<port>
//   await server.restart();                // same port, same data dir (messages must survive)
//   await server.stop();                   // SIGTERM, then SIGKILL after a grace period
//
// The page: the jar carries the copy of src/main/resources/META-INF/resources made when it was
// last packaged, which lags behind the page being worked on. So by default the server is
// reached through a small same-origin front (lib/page-proxy.mjs) that passes every request and
// WebSocket upgrade through to the jar unchanged, except that the page's own files are answered
// from the source folder, with the jar's response headers (Content-Security-Policy included).
// MAJLIS_E2E_PAGE=jar tests the page inside the jar instead (no front).
//
// Abuse limits: the jar runs with its production profile; the tests log in and send far more
// than a person would, so the message and login limits are raised unless `defaultLimits` is set.
//
// The jar is $MAJLIS_JAR or ../../../target/quarkus-app/quarkus-run.jar (relative to the e2e
// folder); java is $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on PATH. The
// server's output goes to target/e2e/server-<name>-<port>.log at the repository root.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageProxy } from './page-proxy.mjs';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(E2E_DIR, '../../..');
export const OUTPUT_DIR = join(REPO_ROOT, 'target', 'e2e');
export const PAGE_DIR = join(REPO_ROOT, 'src', 'main', 'resources', 'META-INF', 'resources');

/** Limits high enough for tests that log in and send in bursts. */
export const TEST_LIMITS = {
  'majlis.limits.messages-per-second': '1000',
  'majlis.limits.messages-burst': '1000',
  'majlis.limits.logins-per-second': '1000',
  'majlis.limits.logins-burst': '1000',
};

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export function jarPath() {
  return process.env.MAJLIS_JAR
    ? resolve(process.env.MAJLIS_JAR)
    : resolve(E2E_DIR, '../../../target/quarkus-app/quarkus-run.jar');
}

export function javaPath() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Ports this process has handed out: the system may offer a port again once its probe is closed. */
const handedOut = new Set();

/**
 * A TCP port that was free a moment ago and that this process has not handed out before, so
 * that servers started side by side (Promise.all) never get the same one.
 */
export async function freePort() {
  for (;;) {
    const port = await probedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probedPort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * @param {object} [options]
 * @param {string} [options.name] label used in the log file name.
 * @param {number} [options.port] port the browser connects to (default: a free one).
 * @param {string} [options.dataDir] data directory (default: a fresh temporary one, removed by stop()).
 * @param {boolean} [options.defaultLimits] keep the server's own abuse limits (default: raised).
 * @param {Record<string,string>} [options.properties] extra -D system properties.
 */
export async function startServer(options = {}) {
  const port = options.port ?? await freePort();
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'majlis-e2e-'));
  const pageFromJar = process.env.MAJLIS_E2E_PAGE === 'jar';
  const backendPort = pageFromJar ? port : await freePort();
  let backend = await startJar({ ...options, port: backendPort, dataDir });
  const proxy = pageFromJar ? null : await startPageProxy({ port, backendPort, pageDir: PAGE_DIR });
  let stopped = false;
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get logFile() { return backend.logFile; },
    get process() { return backend.process; },
    /** Stops the jar and starts it again on the same port and data directory. */
    async restart({ downMs = 0 } = {}) {
      await backend.stop();
      if (downMs) await sleep(downMs);
      backend = await startJar({ ...options, name: `${options.name || 'e2e'}-restarted`, port: backendPort, dataDir });
    },
    /** Stops the server; `keepData` leaves the data dir (for a restart on the same data). */
    async stop({ keepData = false } = {}) {
      if (!stopped) {
        stopped = true;
        await backend.stop(); // first, so that clients see the server's own close (1012)
        await proxy?.close();
      }
      if (ownDataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Starts the jar itself, listening on `options.port`; resolves once it is ready. */
async function startJar(options) {
  const jar = jarPath();
  if (!existsSync(jar)) {
    throw new Error(`Majlis jar not found at ${jar}: build it first (./mvnw package) or set MAJLIS_JAR`);
  }
  const { port, dataDir } = options;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const logFile = join(OUTPUT_DIR, `server-${options.name || 'e2e'}-${port}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });

  const properties = {
    'quarkus.http.port': String(port),
    'quarkus.http.host': '127.0.0.1',
    'quarkus.management.port': '0', // several servers run side by side
    'majlis.data-dir': dataDir,
    ...(options.defaultLimits ? {} : TEST_LIMITS),
    ...(options.properties || {}),
  };
  const args = [...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`), '-jar', jar];
  const java = javaPath();
  log.write(`# ${new Date().toISOString()} ${java} ${args.join(' ')}\n`);

  const child = spawn(java, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  let exited = null;
  const exitPromise = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolveExit(exited);
    });
    child.on('error', (error) => {
      exited = { code: null, signal: null, error };
      log.write(`# spawn error: ${error.message}\n`);
      resolveExit(exited);
    });
  });

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;

  const server = {
    url,
    port,
    dataDir,
    logFile,
    process: child,
    async stop() {
      if (!stopped) {
        stopped = true;
        if (!exited) {
          child.kill('SIGTERM');
          const done = await Promise.race([exitPromise, sleep(STOP_GRACE_MS).then(() => null)]);
          if (!done) {
            log.write('# did not stop after SIGTERM: SIGKILL\n');
            child.kill('SIGKILL');
            await exitPromise;
          }
        }
        await new Promise((r) => log.end(r));
      }
    },
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastStatus = 'no answer';
  while (Date.now() < deadline) {
    if (exited) {
      await server.stop();
      throw new Error(`Majlis server exited before it was ready (${JSON.stringify(exited)}); log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/q/health/ready`, { signal: AbortSignal.timeout(2000) });
      lastStatus = `HTTP ${res.status}`;
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch (e) {
      lastStatus = e.cause?.code || e.message;
    }
    await sleep(250);
  }
  await server.stop();
  throw new Error(`Majlis server not ready after ${READY_TIMEOUT_MS / 1000} s (last: ${lastStatus}); log ${logFile}:\n${tail(logFile)}`);
}
