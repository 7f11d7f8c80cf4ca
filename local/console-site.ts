import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../infra/console-headers';
import { issueToken } from './jwt';

/**
 * What CloudFront and Cognito's Hosted UI do for the console in AWS, on the embedded stack's own
 * origin: the synthesized console assets (the same files the CDK app deploys to S3) with the
 * same security headers, `index.html` for the console's own pages, its /config.json, and a
 * sign-in page standing in for the Hosted UI: an OAuth 2.0 authorization code flow with PKCE
 * whose ID token the local issuer signs. None of it exists in AWS.
 */
export const LOCAL_CLIENT_ID = 'local-console';
const SIGN_IN = '/local/sign-in';
const TOKEN = '/local/oauth2/token';
const ROLES = ['secretariat', 'editor', 'finance', 'donor', 'translator', 'printer'] as const;
const CODE_LIFETIME_MS = 5 * 60_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

const headers = (contentType: string) => ({
  'content-type': contentType,
  'content-security-policy': contentSecurityPolicy({ connect: [], https: false }),
  'x-content-type-options': SECURITY_HEADERS.contentTypeOptions,
  'x-frame-options': SECURITY_HEADERS.frameOptions,
  'referrer-policy': SECURITY_HEADERS.referrerPolicy,
  'cache-control': 'no-store',
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface PendingCode {
  roles: string[];
  donorId?: string;
  sub: string;
  challenge: string;
  redirectUri: string;
  expires: number;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function signInPage(params: URLSearchParams, error?: string): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`).join('\n      ');
  const options = ROLES.map((role) => `<option value="${role}">${role}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Local sign-in · UNODC secretariat</title></head>
<body>
  <main>
    <h1>Local sign-in</h1>
    <p>This page exists only on the embedded stack (<code>npm start</code>). In AWS, Cognito's Hosted UI signs people in.</p>
    ${error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
    <form method="post" action="${SIGN_IN}">
      ${hidden}
      <p><label for="role">Role</label><br><select id="role" name="role">${options}</select></p>
      <p><label for="donorId">Donor id (for a donor)</label><br><input id="donorId" name="donorId" autocomplete="off"></p>
      <p><label for="name">Name (optional)</label><br><input id="name" name="name" autocomplete="off"></p>
      <p><button type="submit">Sign in</button></p>
    </form>
  </main>
</body>
</html>`;
}

export type SiteHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export function consoleSite(options: { assetsDir: string | undefined; dataDir: string }): SiteHandler {
  const codes = new Map<string, PendingCode>();
  const assetsDir = options.assetsDir;

  const send = (response: ServerResponse, status: number, contentType: string, body: string | Buffer) => {
    response.writeHead(status, headers(contentType)).end(body);
    return true;
  };

  const file = (response: ServerResponse, relative: string): boolean => {
    if (!assetsDir) return send(response, 503, 'text/plain; charset=utf-8', 'The console is not built: run `npm run synth` (cdk synth builds it).');
    const target = path.resolve(assetsDir, `.${relative}`);
    if (!target.startsWith(assetsDir + path.sep) || !existsSync(target) || !statSync(target).isFile()) return false;
    return send(response, 200, TYPES[path.extname(target)] ?? 'application/octet-stream', readFileSync(target));
  };

  const authorize = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const form = await readForm(request);
    const role = form.get('role') ?? '';
    const donorId = (form.get('donorId') ?? '').trim();
    if (!(ROLES as readonly string[]).includes(role)) return send(response, 400, 'text/html; charset=utf-8', signInPage(form, 'Pick a role.'));
    if (role === 'donor' && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(donorId)) return send(response, 400, 'text/html; charset=utf-8', signInPage(form, 'A donor signs in with its donor id.'));
    const redirectUri = form.get('redirect_uri') ?? '';
    const challenge = form.get('code_challenge') ?? '';
    if (form.get('client_id') !== LOCAL_CLIENT_ID || new URL(redirectUri, 'http://invalid').pathname !== '/callback' || form.get('code_challenge_method') !== 'S256' || challenge === '') {
      return send(response, 400, 'text/plain; charset=utf-8', 'The sign-in request is not from the console (client, redirect or PKCE challenge missing).');
    }
    const code = randomBytes(24).toString('base64url');
    const name = (form.get('name') ?? '').trim().replace(/[^A-Za-z0-9._-]/g, '');
    codes.set(code, {
      roles: [role], ...(role === 'donor' ? { donorId } : {}), sub: name || `local-${role}${role === 'donor' ? `-${donorId}` : ''}`,
      challenge, redirectUri, expires: Date.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', form.get('state') ?? '');
    response.writeHead(303, { location: target.toString(), 'cache-control': 'no-store' }).end();
    return true;
  };

  const token = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const form = await readForm(request);
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const answer = (status: number, body: unknown) => send(response, status, 'application/json', JSON.stringify(body));
    if (form.get('grant_type') !== 'authorization_code' || !pending || pending.expires < Date.now()) return answer(400, { error: 'invalid_grant' });
    if (form.get('redirect_uri') !== pending.redirectUri || createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return answer(400, { error: 'invalid_grant' });
    const idToken = await issueToken(options.dataDir, { roles: pending.roles, sub: pending.sub, ...(pending.donorId ? { donorId: pending.donorId } : {}) }, '1h');
    return answer(200, { id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: 3600 });
  };

  return async (request, response, url) => {
    const method = request.method ?? 'GET';
    if (url.pathname === SIGN_IN) {
      if (method === 'GET') return send(response, 200, 'text/html; charset=utf-8', signInPage(url.searchParams));
      if (method === 'POST') return authorize(request, response);
    }
    if (url.pathname === TOKEN && method === 'POST') return token(request, response);
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (url.pathname === '/config.json') {
      return send(response, 200, 'application/json', JSON.stringify({ apiBase: '', auth: { authorizeUrl: SIGN_IN, tokenUrl: TOKEN, clientId: LOCAL_CLIENT_ID, scope: 'openid' } }));
    }
    if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico') return file(response, url.pathname);
    // A page of the console (a browser navigation): the single-page app, as CloudFront answers.
    if ((request.headers.accept ?? '').includes('text/html')) return file(response, '/index.html');
    return false;
  };
}
