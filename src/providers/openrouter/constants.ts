/** OpenRouter constants with no dependencies, so the editor's first paint can use them cheaply. */
export const OPENROUTER_DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';
/** App attribution title (openrouter.ai/docs/app-attribution: `X-Title` / `X-OpenRouter-Title`). */
export const OPENROUTER_APP_TITLE = 'Peel';
