// @vitest-environment jsdom
import './setup-dom';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { browserMessage } from '../../src/editor/run/provider-factory';
import { count, usdColumn } from '../../src/editor/text/count';
import { MessageText, plainMessage } from '../../src/editor/text/MessageText';
import { formatUsd } from '../../src/engine/cost';
import { keyRejected } from '../../src/providers/gemini/errors';

// What Gemini's fake (and the real API) says when it filters an image out.
const SAFETY =
  "The image was filtered out because it violated Google's [Generative AI Prohibited Use policy](https://policies.google.com/terms/generative-ai/use-policy). You will not be charged for blocked images.";

describe('wording and numbers', () => {
  it('a tiny charge (a blocked answer billing its prompt) never reads "$0.0000"', () => {
    expect(formatUsd(0.00003)).toBe('under $0.0001');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.0012)).toBe('$0.0012');
    expect(formatUsd(0.039)).toBe('$0.04');
  });

  it('counts take the right number: "1 call", "2 calls", "1 run"', () => {
    expect(count(1, 'call')).toBe('1 call');
    expect(count(0, 'call')).toBe('0 calls');
    expect(count(2, 'run')).toBe('2 runs');
    expect(count(1, 'run')).toBe('1 run');
  });

  it('a batch total shown equals the sum of its rows shown', () => {
    // Three rows at 3.4 cents: rounded to cents each would show $0.03 x 3 next to a $0.10 total.
    const rows = [0.034, 0.034, 0.034];
    const shown = usdColumn(rows, 0.102);
    expect(shown.rows).toEqual(['$0.034', '$0.034', '$0.034']);
    expect(shown.total).toBe('$0.102');
    const sum = shown.rows.reduce((total, text) => total + Number(text.slice(1)), 0);
    expect(sum.toFixed(3)).toBe(shown.total.slice(1));
  });

  it('Markdown links in a safety message become real links, not raw brackets', () => {
    render(
      <p data-testid="message">
        <MessageText message={SAFETY} />
      </p>,
    );
    const message = screen.getByTestId('message');
    expect(message.textContent).not.toContain('](');
    const link = screen.getByRole('link', { name: 'Generative AI Prohibited Use policy' });
    expect(link.getAttribute('href')).toBe('https://policies.google.com/terms/generative-ai/use-policy');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(plainMessage(SAFETY)).toContain("violated Google's Generative AI Prohibited Use policy.");
  });

  it('only https links become links; other markup stays literal text', () => {
    render(
      <p data-testid="message">
        <MessageText message="see [this](javascript:alert(1)) and <b>bold</b>" />
      </p>,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByTestId('message').textContent).toBe('see [this](javascript:alert(1)) and <b>bold</b>');
  });

  it('the browser never tells users to "set GEMINI_API_KEY"', () => {
    const message = keyRejected('the key is not valid').message;
    expect(message).toContain('GEMINI_API_KEY'); // the CLI's wording, from the shared provider
    expect(browserMessage(message)).not.toContain('GEMINI_API_KEY');
    expect(browserMessage(message)).toContain('Settings');
    expect(browserMessage('no Gemini API key: enter one (Settings) or set GEMINI_API_KEY')).toBe(
      'no Gemini API key: enter one (Settings)',
    );
  });
});
