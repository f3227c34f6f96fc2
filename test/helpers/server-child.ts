// The real `medborgarlofte` command as a child process (`node bin/medborgarlofte.js …`), and a staff
// session over real HTTP for it: cookies, the form's CSRF token, sign-in with a one-time code.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START_TIMEOUT_MS = 90_000;

export interface CommandEnv {
  dataDir: string;
  /** A PostgreSQL database; unset: PGlite in dataDir. */
  databaseUrl?: string | undefined;
}

export interface RunningServer {
  child: ChildProcess;
  origin: string;
  exited: Promise<void>;
  output(): string;
}

export function commandEnv(target: CommandEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: target.dataDir,
    // Set even when empty: a DATABASE_URL in the caller's environment must not leak in.
    DATABASE_URL: target.databaseUrl ?? '',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Spawns `medborgarlofte <args>`; output is collected, not shown. */
export function spawnCommand(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['bin/medborgarlofte.js', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `medborgarlofte serve` on a free port of 127.0.0.1; resolves once it says it is open. */
export async function startServe(target: CommandEnv, args: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnCommand(
    ['serve', ...args],
    commandEnv(target, { PORT: String(port), HOST: '127.0.0.1' }),
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = `Open http://127.0.0.1:${port}/`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      if (!output.includes(ready)) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve();
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited before it was ready:\n${output}`));
    });
  });
  return { child, origin: `http://127.0.0.1:${port}`, exited, output: () => output };
}

export interface HttpResult {
  status: number;
  location: string;
  body: string;
}

/** One browser's cookies and CSRF token against a running server. */
export class HttpStaffSession {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly origin: string) {}

  async get(url: string): Promise<HttpResult> {
    return this.send(url, { method: 'GET' });
  }

  /** Posts a form; adds the CSRF token of the last page read unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string | string[]>): Promise<HttpResult> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(fields))
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /** Password, then the one-time code; throws unless it ends on the staff start page. */
  async signIn(email: string, password: string, totpSecret: string): Promise<void> {
    await this.get('/staff/login');
    const login = await this.post('/staff/login', { email, password });
    if (login.status !== 303 || !login.location.startsWith('/staff/login/code'))
      throw new Error(`sign-in answered ${login.status} ${login.location}`);
    await this.get(login.location);
    const code = await this.post('/staff/login/code', { code: await generate({ secret: totpSecret }) });
    if (code.status !== 303) throw new Error(`the one-time code answered ${code.status}`);
  }

  /** The Cookie header this browser sends (for a load generator that replays it). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async send(url: string, init: RequestInit): Promise<HttpResult> {
    const cookie = this.cookieHeader();
    const response = await fetch(`${this.origin}${url}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    const body = await response.text();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 1) continue;
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token?.[1]) this.csrf = token[1];
    return { status: response.status, location: response.headers.get('location') ?? '', body };
  }
}
