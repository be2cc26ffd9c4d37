import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '../errors';
import { inspectorSettings } from './server-options';
import type { InspectorOptions, InspectorSettings } from './server-options';
import { PAGE_CSP, PAGE_HTML } from './page';
import type { InspectedSystem } from './ports';
import { Recorder } from './recorder';

/** A running inspector: its address and how to stop it. */
export interface InspectorServer {
  /** The page's address; it carries `?token=` when a token is set. */
  readonly url: string;
  /** Ends the event streams, closes the server and stops listening to the system. Idempotent. */
  close(): Promise<void>;
}

/** How often a snapshot goes to every open page, in wall-clock ms. */
const TICK_MS = 250;

/**
 * Serves the live inspector page of `system` over HTTP: the supervision tree with each
 * node's kind, restarts, mailbox depth and message rate, dead letters per second, the last
 * errors with their stacks and the cluster's nodes, updated over Server-Sent Events at
 * `/events`. Binds to `127.0.0.1` and a free port by default. Any host but a loopback one
 * (`127.0.0.1`, `::1`, `localhost`) needs a `token`, which the page and `/events` then
 * require as `?token=`. When the system terminates, the page keeps its last snapshot,
 * marked terminated, until `close()`.
 *
 * @example
 * const inspector = await serveInspector(system);
 * console.log(`inspector at ${inspector.url}`);
 * // ...
 * await inspector.close();
 */
export async function serveInspector(system: InspectedSystem, options?: InspectorOptions): Promise<InspectorServer> {
  const settings = inspectorSettings(options);
  if (typeof system !== 'object' || system === null || typeof system.tree !== 'function' || typeof system.nodes !== 'function' || typeof system.events$ !== 'object') {
    throw new ConfigurationError('serveInspector: the first argument must be a started ActorSystem (from await ActorSystem.start(Root)).');
  }
  const recorder = new Recorder(system);
  let closing: Promise<void> | undefined;
  const streams = new Set<ServerResponse>();
  const expected = settings.token === undefined ? undefined : digest(settings.token);
  const server = createServer((request, response) => {
    try {
      route(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });

  const route = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
    const url = new URL(request.url ?? '/', 'http://inspector.invalid');
    if (expected !== undefined && !tokenMatches(expected, url.searchParams.get('token'))) {
      return reply(response, 401, 'rampart inspector: a valid ?token= is required.');
    }
    // Without a token, only a loopback Host: a web page elsewhere cannot reach us by DNS rebinding.
    if (expected === undefined && !loopbackHostHeader(request.headers.host)) {
      return reply(response, 403, 'rampart inspector: served on loopback only; open it at 127.0.0.1, [::1] or localhost.');
    }
    if (url.pathname === '/' || url.pathname === '/index.html') return page(request, response);
    if (url.pathname === '/events') return openStream(request, response);
    return reply(response, 404, 'Not found: the inspector serves / and /events.');
  };

  const page = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CSP,
      ...SAFE_HEADERS,
    });
    response.end(request.method === 'HEAD' ? undefined : PAGE_HTML);
  };

  const openStream = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', ...SAFE_HEADERS });
    if (request.method === 'HEAD' || closing !== undefined) return void response.end();
    response.write('retry: 1000\n\n');
    streams.add(response);
    recorder.countDeliveries(true);
    send(response, serialize());
    const drop = (): void => {
      streams.delete(response);
      if (streams.size === 0) recorder.countDeliveries(false);
    };
    request.on('close', drop);
    response.on('error', drop);
  };

  const serialize = (): string => {
    try {
      return JSON.stringify(recorder.snapshot());
    } catch {
      return JSON.stringify({ at: Date.now(), error: 'the snapshot could not be serialized' });
    }
  };

  const timer = setInterval(() => {
    recorder.tick();
    if (streams.size === 0) return;
    const json = serialize();
    for (const stream of streams) send(stream, json);
  }, TICK_MS);
  timer.unref();

  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      clearInterval(timer);
      recorder.close();
      for (const stream of streams) stream.end();
      streams.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  try {
    await listen(server, settings);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: pageUrl(settings, (server.address() as AddressInfo).port), close };
}

const SAFE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

function reply(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SAFE_HEADERS, ...headers });
  response.end(text);
}

/** One SSE event; a page that does not keep up skips snapshots rather than piling them up. */
function send(stream: ServerResponse, json: string): void {
  if (stream.writableNeedDrain || stream.destroyed) return;
  stream.write(`data: ${json}\n\n`);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares digests, so the time taken says nothing about the token, not even its length. */
function tokenMatches(expected: Buffer, given: string | null): boolean {
  return given !== null && timingSafeEqual(expected, digest(given));
}

function loopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name === '127.0.0.1' || name === '[::1]' || name.toLowerCase() === 'localhost';
}

function listen(server: Server, settings: InspectorSettings): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function pageUrl(settings: InspectorSettings, port: number): string {
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const query = settings.token === undefined ? '' : `?token=${encodeURIComponent(settings.token)}`;
  return `http://${host}:${port}/${query}`;
}
