import { createContext, useContext } from 'react';
import type { ApiRequest } from './api-client.ts';
import type { CurrentAdvisor } from './api-types.ts';
import type { Route } from './router.ts';

export interface Workspace {
  api: ApiRequest;
  me: CurrentAdvisor;
  navigate: (route: Route) => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

/** The signed-in advisor, the API client and navigation; only inside the signed-in shell. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceContext');
  return workspace;
}
