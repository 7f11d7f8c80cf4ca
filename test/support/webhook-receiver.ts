import { spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A self-signed certificate for 127.0.0.1, made with openssl in a temporary directory. */
export function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'unodc-webhook-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const result = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return { certFile, keyFile };
}

export interface Delivery {
  path: string;
  timestamp: string;
  signature: string;
  body: string;
  jobId: string;
}

/** What the service answers to one request (a status, and where a redirect points). */
export interface Answer {
  status: number;
  location?: string;
}

/** Does `signature` sign this delivery with `key`? Checked the way the README tells a service to. */
export function signedWith(delivery: Delivery, key: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(`${delivery.timestamp}.${delivery.body}`).digest('hex')}`);
  const given = Buffer.from(delivery.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A translation service over https: it records every request and answers as `answer` says
 * (by default: 200 for a delivery signed with one of `keys`, 401 otherwise).
 */
export class WebhookReceiver {
  /** Every request, whatever it was answered. */
  readonly requests: Delivery[] = [];
  /** The requests answered 2xx. */
  readonly accepted: Delivery[] = [];
  keys: string[] = [];
  answer: (delivery: Delivery) => Answer | undefined = () => undefined;

  private constructor(private readonly server: Server, readonly origin: string) {}

  static async start(tls: { certFile: string; keyFile: string }): Promise<WebhookReceiver> {
    // eslint-disable-next-line prefer-const -- set once the server exists; its handler reads it later
    let receiver: WebhookReceiver | undefined;
    const server = createServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        let jobId = '';
        try {
          jobId = (JSON.parse(body) as { job?: { jobId?: string } }).job?.jobId ?? '';
        } catch {
          // not a delivery: recorded with no job
        }
        const delivery: Delivery = { path: request.url ?? '', timestamp: String(request.headers['x-unodc-timestamp']), signature: String(request.headers['x-unodc-signature']), body, jobId };
        receiver?.requests.push(delivery);
        const answer = receiver?.answer(delivery) ?? { status: receiver?.keys.some((key) => signedWith(delivery, key)) ? 200 : 401 };
        if (answer.status >= 200 && answer.status < 300) receiver?.accepted.push(delivery);
        response.writeHead(answer.status, answer.location ? { location: answer.location } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  /** Requests for a job, to any path. */
  requestsFor(jobId: string): Delivery[] {
    return this.requests.filter((request) => request.jobId === jobId);
  }

  acceptedFor(jobId: string): Delivery[] {
    return this.accepted.filter((delivery) => delivery.jobId === jobId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
