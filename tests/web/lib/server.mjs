// Starts `straitwatch run` for the browser test: a free loopback port, a temporary data
// directory, a principals file written here (SHA-256 of fresh random tokens), and a REST
// helper that sends a principal's bearer token.
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/// A loopback port nothing listens on right now.
export function free_port() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/// Principals TOML (docs/api.md) for `principals`, each given a fresh token; returns the text.
export function principals_toml(principals) {
  const lines = [];
  for (const principal of principals) {
    principal.token = crypto.randomBytes(24).toString('hex');
    const sha = crypto.createHash('sha256').update(principal.token).digest('hex');
    const list = (items) => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
    lines.push(
      '[[principal]]',
      `name = ${JSON.stringify(principal.name)}`,
      `token_sha256 = "${sha}"`,
      `nation = ${JSON.stringify(principal.nation)}`,
      `agency = ${JSON.stringify(principal.agency)}`,
      `roles = ${list(principal.roles)}`,
      `purposes = ${list(principal.purposes)}`,
      `personal_data = ${principal.personal_data ? 'true' : 'false'}`,
      '',
    );
  }
  return lines.join('\n');
}

/// The text of `straitwatch run --help` ('' if it cannot be run).
export function run_help(binary) {
  try {
    return execFileSync(binary, ['run', '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
  } catch (error) {
    return String(error.stdout || '') + String(error.stderr || '');
  }
}

/// A running server and how to reach it.
export class Server {
  constructor({ binary, port, work_dir, principals_file, scenario, speed, extra_args, log_file }) {
    this.port = port;
    this.base = `http://127.0.0.1:${port}/`;
    const args = ['run', '--data-dir', path.join(work_dir, 'data'), '--http-port', String(port), '--principals', principals_file];
    if (scenario) args.push('--scenario', scenario);
    if (speed) args.push('--speed', String(speed));
    args.push(...extra_args);
    this.command = [binary, ...args];
    this.log = fs.openSync(log_file, 'w');
    this.child = spawn(binary, args, { stdio: ['ignore', this.log, this.log], cwd: work_dir });
    this.exited = null;
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  /// Sends a request with a principal's token; returns {status, body} (body parsed when JSON).
  async request(token, method, api_path, body) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(new URL(api_path, this.base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20000),
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed };
  }

  /// GET as a principal, throwing on any status but 200.
  async get(token, api_path) {
    const answer = await this.request(token, 'GET', api_path);
    if (answer.status !== 200) throw new Error(`GET ${api_path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  }

  /// Stops the server: SIGTERM, then SIGKILL after `grace_ms`.
  async stop(grace_ms = 15000) {
    if (this.exited) return this.exited;
    this.child.kill('SIGTERM');
    const done = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    const timer = new Promise((resolve) => setTimeout(() => resolve(null), grace_ms));
    const result = await Promise.race([done, timer]);
    if (result) return result;
    this.child.kill('SIGKILL');
    return done;
  }
}
