/** An error answer of the advisors' API; `message` is the server's German sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Raw bytes (file upload); sent as application/octet-stream instead of JSON. */
  bytes?: Blob;
  /** 'blob' returns the body as bytes (downloads such as the data-protection export). */
  responseType?: 'json' | 'blob';
}

export type ApiRequest = <T>(path: string, options?: RequestOptions) => Promise<T>;

const fallbackMessages: Record<number, string> = {
  401: 'Bitte melden Sie sich mit Ihrem Zugangstoken an.',
  403: 'Dafür fehlt Ihnen die Berechtigung.',
  404: 'Der Eintrag wurde nicht gefunden oder ist nicht mehr vorhanden.',
  409: 'Diese Änderung ist im aktuellen Zustand nicht möglich.',
};

async function readError(response: Response): Promise<ApiError> {
  let code = 'error';
  let message = fallbackMessages[response.status] ?? 'Der Server hat die Anfrage nicht ausführen können. Bitte versuchen Sie es später erneut.';
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page): keep the generic sentence.
  }
  return new ApiError(response.status, code, message);
}

/**
 * A fetch wrapper for /api/advisor with the bearer token; a 401 calls `onUnauthorized` (back to
 * sign-in) and still throws, so callers can stop what they were doing.
 */
export function createApiClient({ token, onUnauthorized }: { token: string; onUnauthorized?: (error: ApiError) => void }): ApiRequest {
  return async function request<T>(path: string, { method = 'GET', body, bytes, responseType = 'json' }: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (bytes) {
      headers['content-type'] = 'application/octet-stream';
      payload = bytes;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`/api/advisor${path}`, { method, headers, body: payload });
    } catch {
      throw new ApiError(0, 'network', 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.');
    }
    if (!response.ok) {
      const error = await readError(response);
      if (response.status === 401) onUnauthorized?.(error);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    if (responseType === 'blob') return (await response.blob()) as T;
    return (await response.json()) as T;
  };
}
