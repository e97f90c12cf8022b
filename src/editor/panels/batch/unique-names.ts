/**
 * File names within one batch zip: nothing is overwritten silently. A name already taken gets a
 * numeric suffix (`name-2.png`), as the CLI's export writer does on disk; `renamed` lists them.
 */
export class UniqueNames {
  private readonly used = new Set<string>();
  readonly renamed: { wanted: string; given: string }[] = [];

  claim(wanted: string): string {
    const dot = wanted.lastIndexOf('.');
    const stem = dot > 0 ? wanted.slice(0, dot) : wanted;
    const extension = dot > 0 ? wanted.slice(dot) : '';
    for (let attempt = 1; ; attempt++) {
      const name = attempt === 1 ? wanted : `${stem}-${attempt}${extension}`;
      if (this.used.has(name)) continue;
      this.used.add(name);
      if (attempt > 1) this.renamed.push({ wanted, given: name });
      return name;
    }
  }
}
