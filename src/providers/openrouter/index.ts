export {
  createOpenRouterProvider,
  OPENROUTER_APP_TITLE,
  OPENROUTER_DEFAULT_BASE_URL,
  type OpenRouterProviderOptions,
} from './provider';
