/**
 * `{name}` placeholders of a prompt template. `{{` and `}}` stand for literal braces; a brace
 * that does not open a valid name (`{ }`, `{1x}`) is kept as text.
 */
const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_-]{0,63})\}/g;

export function placeholdersOf(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(TOKEN, (token, name: string | undefined) => {
    if (token === '{{') return '{';
    if (token === '}}') return '}';
    return name !== undefined && Object.hasOwn(values, name) ? (values[name] as string) : token;
  });
}
