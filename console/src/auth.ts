import { config } from './config';

/**
 * Sign-in with the authorization code flow and PKCE (RFC 7636), the same against Cognito's Hosted
 * UI and the embedded stack's local sign-in page. The ID token is kept for this tab only.
 */
const TOKEN = 'unodc.token';
const PENDING = 'unodc.pending-sign-in';

export interface Identity {
  subject: string;
  roles: string[];
  donorId?: string;
  token: string;
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

const redirectUri = () => `${location.origin}/callback`;

export async function signIn(returnTo: string): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const { auth } = config();
  const url = new URL(auth.authorizeUrl, location.origin);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(), scope: auth.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On /callback: trades the code for tokens; returns where to go next. */
export async function completeSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`Sign-in refused: ${params.get('error_description') ?? params.get('error') ?? ''}`);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('This sign-in was not started here, or has expired. Sign in again.');
  const { auth } = config();
  const response = await fetch(new URL(auth.tokenUrl, location.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: redirectUri(), code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`The sign-in could not be completed (${response.status})`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('The sign-in answered no ID token');
  sessionStorage.setItem(TOKEN, tokens.id_token);
  return pending.returnTo;
}

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Who is signed in, for what the console shows (which pages, whose statement). The API decides
 * what each token may do; this only reads the token's own claims: `roles` locally,
 * `cognito:groups` and `custom:donorId` from Cognito.
 */
export function identity(): Identity | undefined {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return undefined;
  const claims = claimsOf(token);
  if (!claims) return undefined;
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    sessionStorage.removeItem(TOKEN);
    return undefined;
  }
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const donorId = claims.donorId ?? claims['custom:donorId'];
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    roles: [...list(claims.roles), ...list(claims['cognito:groups'])],
    ...(typeof donorId === 'string' ? { donorId } : {}),
    token,
  };
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN);
  const logout = config().auth.logoutUrl;
  if (logout) {
    const url = new URL(logout);
    url.searchParams.set('client_id', config().auth.clientId);
    url.searchParams.set('logout_uri', `${location.origin}/`);
    location.assign(url.toString());
  } else location.assign('/');
}
