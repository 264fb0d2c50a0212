import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api-client.ts';

export interface ApiData<T> {
  data: T | null;
  error: string | null;
  isLoading: boolean;
  reload: () => void;
}

/** Loads once per `key` (e.g. the request path) and on `reload()`; the error is the server's German message. */
export function useApiData<T>(key: string, load: () => Promise<T>): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    load().then(
      (value) => {
        if (!isCurrent) return;
        setData(value);
        setError(null);
        setIsLoading(false);
      },
      (failure: unknown) => {
        if (!isCurrent) return;
        setError(failure instanceof ApiError ? failure.message : 'Die Daten konnten nicht geladen werden.');
        setIsLoading(false);
      },
    );
    return () => {
      isCurrent = false;
    };
    // `load` is a fresh closure on every render; `key` says when it asks for something else.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, isLoading, reload };
}

/** Runs an action, turning an ApiError into its German message; returns whether it succeeded. */
export function useAction(): { run: (action: () => Promise<unknown>) => Promise<boolean>; error: string | null; isBusy: boolean; clearError: () => void } {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setIsBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Die Aktion konnte nicht ausgeführt werden. Bitte versuchen Sie es erneut.');
      return false;
    } finally {
      setIsBusy(false);
    }
  }, []);
  return { run, error, isBusy, clearError: () => setError(null) };
}
