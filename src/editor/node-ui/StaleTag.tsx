const TITLES = {
  'will re-run': 'An edit changed what this node gets: the next run makes it again. This is the old output.',
  'earlier run': 'The last run did not finish this node: what you see came from an earlier run.',
} as const;

/** Says that the outputs below are old, and why; the outputs themselves are dimmed by CSS. */
export function StaleTag({ id, stale }: { id: string; stale: keyof typeof TITLES }) {
  return (
    <span className="stale-tag" data-testid={`stale-${id}`} title={TITLES[stale]}>
      {stale === 'will re-run' ? 'will re-run' : 'from an earlier run'}
    </span>
  );
}
