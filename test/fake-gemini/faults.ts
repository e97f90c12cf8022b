/** Ordered fault rules: the first matching rule with uses left applies to a request. */
import type { FaultKind, FaultRule, RecordedRequest } from './types';

interface LiveRule {
  rule: FaultRule;
  left: number;
}

export class FaultQueue {
  private rules: LiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes one use of the first matching rule. */
  take(req: RecordedRequest): FaultRule | undefined {
    const live = this.rules.find((r) => r.left > 0 && (r.rule.match ? r.rule.match(req) : true));
    if (!live) return undefined;
    live.left--;
    return live.rule;
  }

  /** The rule `take` would apply, without consuming it. */
  peek(req: RecordedRequest): FaultRule | undefined {
    return this.rules.find((r) => r.left > 0 && (r.rule.match ? r.rule.match(req) : true))?.rule;
  }

  /** For debugging / the control API: rules with their remaining uses. */
  list(): { kind: FaultKind; left: number | 'forever' }[] {
    return this.rules.map((r) => ({ kind: r.rule.kind, left: Number.isFinite(r.left) ? r.left : 'forever' }));
  }
}

/** Builds a match function from the control API's `matchPromptIncludes` / `matchModel` fields. */
export function matcherFromJson(spec: {
  matchPromptIncludes?: unknown;
  matchModel?: unknown;
}): ((req: RecordedRequest) => boolean) | undefined {
  const text = typeof spec.matchPromptIncludes === 'string' ? spec.matchPromptIncludes : undefined;
  const model = typeof spec.matchModel === 'string' ? spec.matchModel : undefined;
  if (text === undefined && model === undefined) return undefined;
  return (req) =>
    (model === undefined || req.model === model) &&
    (text === undefined || promptText(req.body).includes(text));
}

/** All text parts of a GenerateContentRequest body, joined. */
export function promptText(body: unknown): string {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') texts.push(x);
        else if (k !== 'inlineData') walk(x);
      }
    }
  };
  walk((body as { contents?: unknown } | undefined)?.contents);
  return texts.join('\n');
}
