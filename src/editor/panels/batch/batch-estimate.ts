/** The batch estimate lives in the engine, shared with `peel run --batch`. */
export { type BatchEstimate, batchEstimate, rowDependentNodes } from '../../../engine/batch-estimate';
