import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The module graph the bundler sees, read from source with the TypeScript parser: which imports
 * load code at once (static), which load it later (`import()`), and which vanish in the build
 * (type-only). Used to check what the first-paint bundle contains without building it.
 */
export interface ModuleImports {
  /** Specifiers loaded with the importing module (imports, re-exports, side-effect imports). */
  static: string[];
  /** Specifiers of `import('…')` calls with a literal argument. */
  dynamic: string[];
}

const isTypeOnlyImport = (node: ts.ImportDeclaration): boolean => {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
};

export function importsOfSource(fileName: string, source: string): ModuleImports {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: ModuleImports = { static: [], dynamic: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) found.static.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const allTypes =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((element) => element.isTypeOnly));
      if (!allTypes) found.static.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.dynamic.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A relative specifier as the file it names (repo-relative), or undefined for assets and packages. */
export function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(root, dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const candidates = [`${base}.ts`, `${base}.tsx`, base, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  return found && /\.tsx?$/.test(found) ? relative(root, found) : undefined;
}

/** A package specifier's package name: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

export interface StaticGraph {
  /** Every module loaded with the entry, repo-relative, mapped to the module that first pulled it in. */
  modules: Map<string, string | null>;
  /** Packages imported statically by those modules, each with the modules importing it. */
  packages: Map<string, string[]>;
  /** Targets of `import()` calls made by those modules (files repo-relative, packages by name). */
  dynamicTargets: Set<string>;
}

/** Everything the entry loads before it runs: the closure over static imports. */
export function staticGraphOf(root: string, entry: string): StaticGraph {
  const graph: StaticGraph = {
    modules: new Map([[entry, null]]),
    packages: new Map(),
    dynamicTargets: new Set(),
  };
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const imports = importsOfSource(file, readFileSync(join(root, file), 'utf8'));
    for (const specifier of imports.static) {
      const target = resolveRelative(root, file, specifier);
      if (target === undefined) {
        if (specifier.startsWith('.')) continue; // CSS, assets
        const name = packageOf(specifier);
        graph.packages.set(name, [...(graph.packages.get(name) ?? []), file]);
      } else if (!graph.modules.has(target)) {
        graph.modules.set(target, file);
        queue.push(target);
      }
    }
    for (const specifier of imports.dynamic) {
      graph.dynamicTargets.add(resolveRelative(root, file, specifier) ?? packageOf(specifier));
    }
  }
  return graph;
}

/** How the entry reaches a module: entry > … > module. */
export function chainTo(graph: StaticGraph, module: string): string {
  const chain: string[] = [];
  for (let at: string | null | undefined = module; at; at = graph.modules.get(at)) chain.unshift(at);
  return chain.join(' > ');
}
