/**
 * The console's security headers, one definition for CloudFront's response headers policy
 * (infra/constructs/console.ts) and the embedded stack that serves the same assets locally
 * (local/console-site.ts). Scripts, styles and fonts come only from the console's own origin;
 * the only other origins it talks to are the API and the sign-in.
 */
export interface ConsolePolicyOrigins {
  /** Origins the console fetches from besides its own: the API, Cognito's token endpoint. */
  connect: string[];
  /** Over HTTPS only (CloudFront): upgrade any http: reference. */
  https: boolean;
}

export function contentSecurityPolicy(origins: ConsolePolicyOrigins): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...origins.connect].join(' ')}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(origins.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Headers besides the CSP, as CloudFront's policy sets them (HSTS only there: locally it is http). */
export const SECURITY_HEADERS = {
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;
