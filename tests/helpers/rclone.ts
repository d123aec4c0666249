import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real WebDAV server for sync tests: `rclone serve webdav` on a loopback port in 18700-18799. */
export interface DavServer {
  url: string;
  dir: string;
  user: string;
  pass: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port and folder (after `stop`). */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function waitUp(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`rclone did not come up at ${url}`);
}

export async function startDavServer(port: number, user = 'ada', pass = 'secret-app-password'): Promise<DavServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-dav-'));
  let child: ChildProcess | null = null;
  const server: DavServer = {
    url: `http://127.0.0.1:${port}/`,
    dir,
    user,
    pass,
    port,
    async start() {
      child = spawn('rclone', ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', user, '--pass', pass], { stdio: 'ignore' });
      await waitUp(server.url);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
