import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type JWTPayload, type JWK, SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';

/**
 * The local stack's token issuer, standing in for Cognito: an RS256 key kept in DATA_DIR
 * (tokens stay valid across restarts), and the same checks API Gateway's JWT authorizer
 * makes (signature, issuer, audience, expiry).
 */
export const LOCAL_ISSUER = 'https://local.unodc-secretariat.invalid/issuer';
export const LOCAL_AUDIENCE = 'unodc-secretariat-local';

interface KeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function keyFile(dataDir: string): Promise<KeyFile> {
  const file = path.join(dataDir, 'jwt-signing-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const keys: KeyFile = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export interface TokenClaims {
  sub?: string;
  roles: string[];
  donorId?: string;
}

export async function issueToken(dataDir: string, claims: TokenClaims, lifetime = '12h'): Promise<string> {
  const { privateJwk } = await keyFile(dataDir);
  const key = await importJWK(privateJwk, 'RS256');
  const subject = claims.sub ?? `local-${claims.roles.join('-') || 'anonymous'}${claims.donorId ? `-${claims.donorId}` : ''}`;
  return new SignJWT({ roles: claims.roles, ...(claims.donorId ? { donorId: claims.donorId } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: 'local' })
    .setSubject(subject)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(key);
}

export type TokenVerifier = (token: string) => Promise<JWTPayload | undefined>;

export async function tokenVerifier(dataDir: string): Promise<TokenVerifier> {
  const key = await importJWK((await keyFile(dataDir)).publicJwk, 'RS256');
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['RS256'] });
      return payload;
    } catch {
      return undefined;
    }
  };
}
