// The Teams SDK is loaded only when the page may be a Teams tab: on import it fetches its list of
// valid hosts from a Microsoft CDN (allowed by the server's connect-src), which a normal browser
// session does not need.
type TeamsSdk = typeof import('@microsoft/teams-js');
let teamsSdk: Promise<TeamsSdk> | undefined;
const loadTeamsSdk = () => (teamsSdk ??= import('@microsoft/teams-js'));

export type HostTheme = 'default' | 'dark' | 'contrast';

const teamsHintKey = 'schulit.inTeams';

/** Whether the page was opened as the Teams tab (contentUrl carries ?inTeams=1) or sits in a frame. */
export function hasTeamsHint(): boolean {
  const hint = new URLSearchParams(window.location.search).get('inTeams');
  if (hint === '1' || hint === 'true') sessionStorage.setItem(teamsHintKey, '1');
  const isFramed = window.parent !== window;
  return isFramed || sessionStorage.getItem(teamsHintKey) === '1';
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timeout')), milliseconds);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function normaliseTheme(theme: string | undefined): HostTheme {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'default';
}

export interface TeamsSession {
  theme: HostTheme;
  onThemeChange(handler: (theme: HostTheme) => void): void;
}

/**
 * Connects to Teams when the page runs as a tab. Resolves null in a normal browser: without the
 * hint nothing is tried, and with it `app.initialize()` gets a short timeout so it never hangs.
 */
export async function connectToTeams({ timeoutMilliseconds = 3_000 }: { timeoutMilliseconds?: number } = {}): Promise<TeamsSession | null> {
  if (!hasTeamsHint()) return null;
  try {
    const { app } = await loadTeamsSdk();
    await withTimeout(app.initialize(), timeoutMilliseconds);
    const context = await withTimeout(app.getContext(), timeoutMilliseconds);
    return {
      theme: normaliseTheme(context.app.theme),
      onThemeChange(handler) {
        app.registerOnThemeChangeHandler((theme) => handler(normaliseTheme(theme)));
      },
    };
  } catch {
    return null;
  }
}

/** The Teams SSO token (a JWT for our app registration), or null when Teams refuses. */
export async function requestTeamsToken({ timeoutMilliseconds = 10_000 }: { timeoutMilliseconds?: number } = {}): Promise<string | null> {
  try {
    const { authentication } = await loadTeamsSdk();
    return await withTimeout(authentication.getAuthToken(), timeoutMilliseconds);
  } catch {
    return null;
  }
}
