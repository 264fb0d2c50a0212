import type { JWTVerifyGetKey } from 'jose';

/** Who a valid Teams SSO token names: the Entra object id and, when present, the sign-in name. */
export interface TeamsIdentity {
  objectId: string;
  email?: string;
  name?: string;
}

export type TeamsTokenVerifier = (token: string) => Promise<TeamsIdentity | null>;

export interface TeamsTokenVerifierOptions {
  clientId?: string;
  tenantId?: string;
  /** Defaults to the tenant's Entra ID signing keys. */
  jwksUrl?: string;
  /** Audience of v1 tokens; defaults to api://<host of publicBaseUrl>/<clientId>. */
  applicationIdUri?: string;
  publicBaseUrl: string;
  /** For tests: a key set instead of the remote one. */
  keys?: JWTVerifyGetKey;
}

/**
 * Verifies the token `authentication.getAuthToken()` hands the Teams tab: signed by the
 * tenant's Entra ID keys, issued for our app (v2: client id; v1: application ID URI), by our
 * tenant, not expired, with a user object id. Without a client and tenant id there is no SSO
 * and the verifier is undefined, so only advisor tokens are accepted.
 */
export function createTeamsTokenVerifier({ clientId, tenantId, jwksUrl, applicationIdUri, publicBaseUrl, keys }: TeamsTokenVerifierOptions): TeamsTokenVerifier | undefined {
  if (!clientId || !tenantId) return undefined;
  // jose loads with the first token to check, not with every start (most installations have no SSO).
  let keySet: JWTVerifyGetKey | undefined = keys;
  const audiences = [clientId, applicationIdUri ?? `api://${new URL(publicBaseUrl).host}/${clientId}`];
  const issuers = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
  return async function verifyTeamsToken(token) {
    try {
      const { createRemoteJWKSet, jwtVerify } = await import('jose');
      keySet ??= createRemoteJWKSet(new URL(jwksUrl ?? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      const { payload } = await jwtVerify(token, keySet, { audience: audiences, issuer: issuers, algorithms: ['RS256'], clockTolerance: 60 });
      if (payload.tid !== tenantId || typeof payload.oid !== 'string') return null;
      const signInName = [payload.preferred_username, payload.upn, payload.email].find((value): value is string => typeof value === 'string' && value.includes('@'));
      return { objectId: payload.oid, email: signInName?.toLowerCase(), name: typeof payload.name === 'string' ? payload.name : undefined };
    } catch {
      return null;
    }
  };
}

/** A JWT has three base64url parts; advisor tokens (`sit_…`) never do. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
