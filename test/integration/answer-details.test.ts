/**
 * Grounding sources and thoughts travel from the wire (the fake's real response shapes) through
 * the engine's node-finish event, the on-disk cache and the run record, to the editor's run store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileSystemCache } from '../../src/cli/fs-cache';
import { initialRunState, reduceRunEvent } from '../../src/editor/store/run-store';
import { answerDetailsOf } from '../../src/engine/answer-details';
import type { RunEvent } from '../../src/engine/events';
import { RunRecorder } from '../../src/engine/run-record';
import { imagesOf } from '../../src/engine/values';
import { type FakeGemini, geminiFor, generateWorkflow, run, startFakeGemini } from './provider-fixtures';

let fake: FakeGemini;
let dir: string;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'peel-answer-details-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const finishOf = (events: RunEvent[], nodeId: string) => {
  const event = events.find((candidate) => candidate.type === 'node-finish' && candidate.nodeId === nodeId);
  if (event?.type !== 'node-finish') throw new Error(`no node-finish for ${nodeId}`);
  return event;
};

const GROUNDED = { googleSearch: true, imageSearch: true, showThoughts: true };

describe('grounding and thoughts reach the event, the cache, the run record and the run store', () => {
  it('a grounded, thinking answer carries its web and image sources, suggestions and thoughts', async () => {
    const flow = generateWorkflow('the Lisbon skyline today', GROUNDED);
    const { result, events } = await run(flow, geminiFor(fake));
    expect(result.status).toBe('ok');
    const finish = finishOf(events, 'gen');
    const [answer, ...more] = answerDetailsOf(finish.outputs);
    expect(more).toHaveLength(0);
    expect(answer?.grounding?.webSearchQueries).toEqual(['the Lisbon skyline today']);
    expect(answer?.grounding?.imageSearchQueries).toEqual(['the Lisbon skyline today']);
    expect(answer?.grounding?.searchEntryPoint).toContain('<a class="chip"');
    expect(answer?.grounding?.sources).toEqual([
      {
        uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
        title: 'example.com',
      },
      {
        // An image result links to the page that holds the image.
        uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-image-page-1',
        title: 'A reference photo',
        domain: 'images.example.org',
        imageUri: 'https://images.example.org/fake-1.jpg',
      },
    ]);
    expect(answer?.thoughtTexts).toHaveLength(1);
    expect(answer?.thoughtTexts[0]).toContain('Planning the image');
    expect(answer?.thoughtImages).toHaveLength(1);
    // The interim image is not an output.
    const outputs = finish.outputs ?? {};
    const outputHashes = imagesOf(outputs.images).map((image) => image.hash);
    expect(outputHashes).not.toContain(answer?.thoughtImages[0]?.hash);

    const recorder = new RunRecorder(flow);
    for (const event of events) recorder.onEvent(event);
    const record = recorder.records().find((node) => node.id === 'gen');
    expect(record?.grounding?.[0]?.sources.map((source) => source.uri)).toEqual([
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-image-page-1',
    ]);
    expect(record?.thoughts).toEqual({ texts: answer?.thoughtTexts, images: 1 });

    let state = initialRunState();
    for (const event of events) state = reduceRunEvent(state, event);
    const view = state.nodes.gen?.outputs;
    expect(view?.grounding?.[0]?.sources).toHaveLength(2);
    expect(view?.thoughts?.images).toEqual([answer?.thoughtImages[0]?.hash]);
    expect(view?.thoughts?.texts).toEqual(answer?.thoughtTexts);
  });

  it('a cached grounded answer still shows its sources (they are stored with the outputs)', async () => {
    const flow = generateWorkflow('a poster of tomorrow’s tide times in Porto', GROUNDED);
    await run(flow, geminiFor(fake), { cache: new FileSystemCache(dir) });
    const again = await run(flow, geminiFor(fake), { cache: new FileSystemCache(dir) });
    expect(fake.generateRequests()).toHaveLength(1);
    const finish = finishOf(again.events, 'gen');
    expect(finish.status).toBe('cached');
    const [answer] = answerDetailsOf(finish.outputs);
    expect(answer?.grounding?.sources).toHaveLength(2);
    expect(answer?.grounding?.searchEntryPoint).toContain('<a class="chip"');
    expect(answer?.thoughtImages[0]?.bytes.length).toBeGreaterThan(0);
  });

  it('grounding is never sent back: a continued conversation replays parts, not search results', async () => {
    const flow = generateWorkflow('a map of today’s ferry routes', { googleSearch: true });
    flow.nodes.push({
      id: 'ed',
      type: 'edit',
      position: { x: 600, y: 0 },
      params: { model: 'gemini-3.1-flash-image', instruction: 'make it blue' },
    });
    flow.edges.push({ source: 'gen', sourcePort: 'image', target: 'ed', targetPort: 'image' });
    const { result } = await run(flow, geminiFor(fake));
    expect(result.status).toBe('ok');
    const editBody = JSON.stringify(fake.generateRequests()[1]?.body);
    expect(editBody).not.toContain('grounding');
    expect(editBody).not.toContain('fake-1');
  });

  it('a plain answer has no grounding, and thoughts are not sent without showThoughts', async () => {
    const { events } = await run(generateWorkflow('a cat'), geminiFor(fake));
    const [answer] = answerDetailsOf(finishOf(events, 'gen').outputs);
    expect(answer?.grounding).toBeUndefined();
    expect(answer?.thoughtTexts ?? []).toEqual([]);
  });
});
