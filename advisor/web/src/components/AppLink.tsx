import { Link } from '@fluentui/react-components';
import type { MouseEvent, ReactNode } from 'react';
import { hrefOf, type Route } from '../router.ts';
import { useWorkspace } from '../workspace-context.ts';

/** A real link (opens in a new tab with Ctrl/middle click) that navigates client-side otherwise. */
export function AppLink({ to, children }: { to: Route; children: ReactNode }) {
  const { navigate } = useWorkspace();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={hrefOf(to)} onClick={onClick}>
      {children}
    </Link>
  );
}
