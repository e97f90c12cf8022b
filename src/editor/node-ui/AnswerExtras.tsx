/**
 * What came with a model's answer besides the image: Google Search grounding and the model's
 * thoughts. Google's display rules for grounded answers (ai.google.dev/gemini-api/docs/grounding/
 * search-suggestions and the Vertex AI "Use Google Search suggestions" page, read 2026-12-02):
 * the search suggestions are shown exactly as sent (`searchEntryPoint.renderedContent`, Google's
 * own HTML and CSS), stay visible whenever the grounded answer is shown, take the full width of the
 * answer, and a tap goes straight to the Google results page. Image search results link to the
 * page holding the image, not the image file.
 *
 * The suggestions HTML is Google's, not ours: it is rendered only in a sandboxed frame with no
 * scripts and no same-origin access (it cannot reach the page, its storage or the API key); its
 * links open in a new tab, outside the sandbox, so the results page is not boxed in.
 */
import { memo } from 'react';
import type { GroundingInfo, GroundingSource } from '../../engine/grounding';
import type { NodeOutputsView } from '../store/run-store';
import { Thumb } from './Thumb';

/** Links open outside the frame: a sandboxed frame must not navigate itself to Google's page. */
const OPEN_LINKS_OUTSIDE = '<base target="_blank">';

export function SearchSuggestions({ html, testId }: { html: string; testId: string }) {
  return (
    <iframe
      className="search-suggestions"
      title="Google Search suggestions"
      data-testid={testId}
      // No allow-scripts, no allow-same-origin: the frame is an opaque origin that runs nothing.
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={`${OPEN_LINKS_OUTSIDE}${html}`}
    />
  );
}

/** Only http(s) links are ever made clickable: anything else is shown as plain text. */
export function safeLink(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sourceLabel(source: GroundingSource): string {
  if (source.title) return source.title;
  if (source.domain) return source.domain;
  try {
    return new URL(source.uri).hostname;
  } catch {
    return source.uri;
  }
}

function SourceItem({ source }: { source: GroundingSource }) {
  const href = safeLink(source.uri);
  const label = sourceLabel(source);
  const kind = source.imageUri ? 'Image from ' : '';
  return (
    <li>
      {kind}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" title={source.domain ?? href}>
          {label}
        </a>
      ) : (
        <span>{label}</span>
      )}
    </li>
  );
}

export function GroundingBlock({ grounding, testId }: { grounding: GroundingInfo; testId: string }) {
  return (
    <div className="grounding" data-testid={testId}>
      {grounding.searchEntryPoint ? (
        <SearchSuggestions html={grounding.searchEntryPoint} testId={`${testId}-suggestions`} />
      ) : null}
      {grounding.sources.length > 0 ? (
        <>
          <span className="grounding-heading">Sources</span>
          <ul className="grounding-sources" data-testid={`${testId}-sources`}>
            {grounding.sources.map((source, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same page can be cited twice; its place tells them apart.
              <SourceItem key={`${index}-${source.uri}`} source={source} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function ThoughtsSection({
  thoughts,
  testId,
}: {
  thoughts: NonNullable<NodeOutputsView['thoughts']>;
  testId: string;
}) {
  const count = thoughts.images.length;
  return (
    <details className="thoughts nodrag" data-testid={testId}>
      <summary>Thoughts{count > 0 ? ` (${count} interim image${count === 1 ? '' : 's'})` : ''}</summary>
      {thoughts.texts.map((text, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: thoughts are shown in the order the model sent them.
        <p key={index} className="thought-text">
          {text}
        </p>
      ))}
      {count > 0 ? (
        <div className="thought-images">
          {thoughts.images.map((hash, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: interim images may repeat; the place tells them apart.
            <Thumb key={`${index}-${hash}`} hash={hash} alt={`interim image ${index + 1}`} />
          ))}
        </div>
      ) : null}
    </details>
  );
}

/**
 * Grounding (always, when the answer was grounded: Google requires it) and thoughts (when the node
 * asks to show them) of one set of outputs.
 */
export const AnswerExtras = memo(function AnswerExtras({
  outputs,
  showThoughts,
  testId,
}: {
  outputs: NodeOutputsView;
  showThoughts: boolean;
  testId: string;
}) {
  const grounding = outputs.grounding ?? [];
  const thoughts = showThoughts ? outputs.thoughts : undefined;
  if (grounding.length === 0 && !thoughts) return null;
  return (
    <div className="answer-extras" data-testid={testId}>
      {grounding.map((info, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one block per grounded answer, in output order.
        <GroundingBlock key={index} grounding={info} testId={`${testId}-grounding-${index}`} />
      ))}
      {thoughts ? <ThoughtsSection thoughts={thoughts} testId={`${testId}-thoughts`} /> : null}
    </div>
  );
});
