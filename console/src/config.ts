/**
 * Where the API and the sign-in are, read once from /config.json: written by the CDK app beside
 * the assets in AWS (the API's URL, the Cognito Hosted UI), served by the embedded stack locally
 * (the API on the same origin, its local sign-in page). The built assets are the same in both.
 */
export interface ConsoleConfig {
  /** Base URL of the API; '' for the same origin. */
  apiBase: string;
  /** OAuth 2.0 authorization code with PKCE. */
  auth: { authorizeUrl: string; tokenUrl: string; clientId: string; scope: string; logoutUrl?: string };
}

let loaded: ConsoleConfig | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console's configuration could not be read (${response.status})`);
  loaded = (await response.json()) as ConsoleConfig;
  return loaded;
}

export function config(): ConsoleConfig {
  if (!loaded) throw new Error('configuration not loaded');
  return loaded;
}
