export { useUpstreamImage } from '../../src/editor/node-kit';
