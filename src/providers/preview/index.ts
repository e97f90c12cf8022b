export { createPreviewProvider, PREVIEW_MODEL_VERSION, PREVIEW_PROVIDER_ID } from './provider';
export { dimensionsFor, PREVIEW_LONG_SIDE, PREVIEW_SOFTWARE } from './render';
