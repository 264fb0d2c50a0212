import { useCallback, useEffect, useState } from 'react';

/** The app lives under /advisor (vite `base`); routes are the rest of the path. */
export const basePath = '/advisor';

export type Route =
  | { name: 'queue' }
  | { name: 'ticket'; number: string }
  | { name: 'bookings' }
  | { name: 'gaps' }
  | { name: 'figures' }
  | { name: 'admin' }
  | { name: 'not_found' };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'queue' };
  if (parts[0] === 'tickets' && parts.length === 1) return { name: 'queue' };
  if (parts[0] === 'tickets' && parts[1] && parts.length === 2) return { name: 'ticket', number: parts[1] };
  if (parts[0] === 'bookings' && parts.length === 1) return { name: 'bookings' };
  if (parts[0] === 'gaps' && parts.length === 1) return { name: 'gaps' };
  if (parts[0] === 'figures' && parts.length === 1) return { name: 'figures' };
  if (parts[0] === 'admin' && parts.length === 1) return { name: 'admin' };
  return { name: 'not_found' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'ticket':
      return `${basePath}/tickets/${encodeURIComponent(route.number)}`;
    case 'bookings':
    case 'gaps':
    case 'figures':
    case 'admin':
      return `${basePath}/${route.name}`;
    default:
      return basePath;
  }
}

/** Client-side routing with the History API; the server answers every /advisor path with index.html. */
export function useRoute(): { route: Route; navigate: (route: Route) => void } {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const onPopState = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.history.pushState(null, '', hrefOf(next));
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);
  return { route, navigate };
}
