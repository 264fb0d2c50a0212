import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { normaliseTheme, type HostTheme } from './teams-host.ts';

export const fluentThemes: Record<HostTheme, Theme> = { default: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

/**
 * The theme outside Teams: `?theme=dark|contrast|default` (kept for the session, also for
 * tests and screenshots), else the browser's colour-scheme and forced-colors preferences.
 */
export function browserTheme(): HostTheme {
  const hint = new URLSearchParams(window.location.search).get('theme');
  if (hint) sessionStorage.setItem('schulit.theme', hint);
  const stored = sessionStorage.getItem('schulit.theme');
  if (stored) return normaliseTheme(stored);
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'default';
}
