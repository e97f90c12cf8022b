import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'peel.theme';

function stored(): ThemeChoice {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** The colour theme: the system's unless the user picked one (kept on this device). */
export const useThemeStore = create<{ theme: ThemeChoice }>()(() => ({ theme: stored() }));

export function applyTheme(theme: ThemeChoice): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function setTheme(theme: ThemeChoice): void {
  useThemeStore.setState({ theme });
  applyTheme(theme);
  try {
    if (theme === 'system') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, theme);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}

const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];
export const nextTheme = (theme: ThemeChoice): ThemeChoice =>
  ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length] ?? 'system';
