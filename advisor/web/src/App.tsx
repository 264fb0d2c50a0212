import { FluentProvider, makeStaticStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient, ApiError } from './api-client.ts';
import type { CurrentAdvisor } from './api-types.ts';
import { AppShell } from './components/AppShell.tsx';
import { Loading } from './components/Feedback.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { BookingsPage } from './pages/BookingsPage.tsx';
import { FiguresPage } from './pages/FiguresPage.tsx';
import { GapsPage } from './pages/GapsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TicketPage } from './pages/TicketPage.tsx';
import { useRoute, type Route } from './router.ts';
import { connectToTeams, requestTeamsToken, type HostTheme } from './teams-host.ts';
import { browserTheme, fluentThemes } from './theme.ts';
import { WorkspaceContext, type Workspace } from './workspace-context.ts';

const tokenKey = 'schulit.advisorToken';

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

type Session =
  | { phase: 'starting' }
  | { phase: 'signed_out'; message: string | null }
  | { phase: 'signed_in'; token: string; me: CurrentAdvisor; source: 'token' | 'teams' };

async function fetchMe(token: string): Promise<CurrentAdvisor> {
  const { advisor } = await createApiClient({ token })<{ advisor: CurrentAdvisor }>('/me');
  return advisor;
}

function PageFor({ route }: { route: Route }) {
  switch (route.name) {
    case 'queue':
      return <QueuePage />;
    case 'ticket':
      return <TicketPage key={route.number} number={route.number} />;
    case 'bookings':
      return <BookingsPage />;
    case 'gaps':
      return <GapsPage />;
    case 'figures':
      return <FiguresPage />;
    case 'admin':
      return <AdminPage />;
    default:
      return <NotFoundPage />;
  }
}

/** Sign-in (Teams SSO or token), theme, and the signed-in workspace. */
export function App() {
  useGlobalStyles();
  const [theme, setTheme] = useState<HostTheme>(browserTheme);
  const [session, setSession] = useState<Session>({ phase: 'starting' });
  const [isSigningIn, setIsSigningIn] = useState(false);
  const { route, navigate } = useRoute();

  useEffect(() => {
    let isCurrent = true;
    async function start() {
      const teams = await connectToTeams();
      if (teams) {
        setTheme(teams.theme);
        teams.onThemeChange(setTheme);
        const teamsToken = await requestTeamsToken();
        if (teamsToken) {
          try {
            const me = await fetchMe(teamsToken);
            if (isCurrent) setSession({ phase: 'signed_in', token: teamsToken, me, source: 'teams' });
            return;
          } catch {
            // Falls through to the token form below.
          }
        }
      }
      const stored = sessionStorage.getItem(tokenKey);
      if (stored) {
        try {
          const me = await fetchMe(stored);
          if (isCurrent) setSession({ phase: 'signed_in', token: stored, me, source: 'token' });
          return;
        } catch {
          sessionStorage.removeItem(tokenKey);
        }
      }
      if (isCurrent) {
        setSession({ phase: 'signed_out', message: teams ? 'Die Anmeldung über Teams ist nicht gelungen. Bitte melden Sie sich mit Ihrem Zugangstoken an.' : null });
      }
    }
    void start();
    return () => {
      isCurrent = false;
    };
  }, []);

  const signIn = useCallback(async (token: string) => {
    setIsSigningIn(true);
    try {
      const me = await fetchMe(token);
      sessionStorage.setItem(tokenKey, token);
      setSession({ phase: 'signed_in', token, me, source: 'token' });
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 401
          ? 'Dieses Zugangstoken ist ungültig oder nicht mehr aktiv. Bitte prüfen Sie Ihre Eingabe.'
          : error instanceof ApiError
            ? error.message
            : 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.';
      setSession({ phase: 'signed_out', message });
    } finally {
      setIsSigningIn(false);
    }
  }, []);

  const signOut = useCallback((message: string | null = null) => {
    sessionStorage.removeItem(tokenKey);
    setSession({ phase: 'signed_out', message });
  }, []);

  const token = session.phase === 'signed_in' ? session.token : null;
  const me = session.phase === 'signed_in' ? session.me : null;
  const workspace = useMemo<Workspace | null>(() => {
    if (!token || !me) return null;
    const api = createApiClient({ token, onUnauthorized: () => signOut('Ihre Anmeldung ist abgelaufen oder nicht mehr gültig. Bitte melden Sie sich erneut an.') });
    return { api, me, navigate };
  }, [token, me, navigate, signOut]);

  return (
    <FluentProvider theme={fluentThemes[theme]} style={{ minHeight: '100vh' }} data-theme={theme}>
      {session.phase === 'starting' ? (
        <div style={{ padding: 48 }}>
          <Loading label="Arbeitsbereich wird geladen …" />
        </div>
      ) : session.phase === 'signed_out' || !workspace ? (
        <SignInPage message={session.phase === 'signed_out' ? session.message : null} isBusy={isSigningIn} onSignIn={(value) => void signIn(value)} />
      ) : (
        <WorkspaceContext.Provider value={workspace}>
          <AppShell route={route} onSignOut={session.phase === 'signed_in' && session.source === 'token' ? () => signOut() : undefined}>
            <PageFor route={route} />
          </AppShell>
        </WorkspaceContext.Provider>
      )}
    </FluentProvider>
  );
}
