/**
 * The architecture rules of ARCHITECTURE.md, checked: SQL only in src/store/, `Db` only in the store and
 * the wiring, handlers of at most 40 lines, no file over 300 lines, no import cycle, no import against the
 * layer order. Prints every breach and exits 1 if there is one. Run: npm run check:layers
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { findCycles, layerOf, RULES, type Layer } from './layer-rules.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const CODE_DIRS = ['src', 'handlers', 'jobs', 'support'];
const ALL_DIRS = [...CODE_DIRS, 'tests', 'bench', 'scripts'];
const MAX_FILE_LINES = 300;
const MAX_HANDLER_LINES = 40;
/** Statements, not words: an uppercase SQL verb followed by what it needs. */
const SQL =
  /\b(SELECT\s[\s\S]*\bFROM\b|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX)\b|ALTER\s+TABLE\b|WITH\s+\w+\s+AS\s*\()/;
/** Where a `Db` (a database with transactions) may be named. */
const DB_ALLOWED = (file: string) =>
  file.startsWith('src/store/') || file.startsWith('src/wiring/') || file === 'src/main.ts';

function walk(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(join(ROOT, path)).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Parsed {
  imports: Array<{ spec: string; names: string[]; target: string | null }>;
  strings: string[];
}

function parse(file: string, text: string): Parsed {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const imports: Parsed['imports'] = [];
  const strings: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      const names: string[] = [];
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings))
        for (const el of clause.namedBindings.elements) names.push((el.propertyName ?? el.name).text);
      imports.push({ spec, names, target: resolveImport(file, spec) });
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg))
        imports.push({ spec: arg.text, names: [], target: resolveImport(file, arg.text) });
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push(node.text);
    if (ts.isTemplateExpression(node))
      strings.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, strings };
}

/** Our own module an import names (repo-relative, .ts), or null for a package. */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const abs = resolve(ROOT, dirname(file), spec).replace(/\.js$/, '.ts');
  return relative(ROOT, abs);
}

const problems: string[] = [];
const breach = (kind: string, message: string) => problems.push(`${kind}: ${message}`);
const graph = new Map<string, string[]>();

for (const file of ALL_DIRS.flatMap(walk)) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) breach('size', `${file} has ${lines} lines (at most ${MAX_FILE_LINES})`);
  const { imports, strings } = parse(file, text);
  if (file.startsWith('bench/'))
    for (const i of imports)
      if (i.target?.startsWith('tests/')) breach('layer', `${file} imports ${i.target} (bench must not import tests)`);
  if (!CODE_DIRS.some((d) => file.startsWith(`${d}/`))) continue;

  if (file.startsWith('handlers/') && lines > MAX_HANDLER_LINES)
    breach('handler', `${file} has ${lines} lines (a handler: at most ${MAX_HANDLER_LINES})`);
  if (!file.startsWith('src/store/') && strings.some((s) => SQL.test(s)))
    breach('sql', `${file} has SQL (only src/store/ may)`);
  const from = layerOf(file);
  if (from === 'unplaced') breach('home', `${file} is in no layer (see scripts/layer-rules.ts)`);
  graph.set(
    file,
    imports.flatMap((i) => (i.target ? [i.target] : [])),
  );
  for (const i of imports) {
    if (!DB_ALLOWED(file) && i.target === 'src/store/db.ts' && i.names.includes('Db'))
      breach('db', `${file} imports Db (only src/store/, src/wiring/ and src/main.ts may)`);
    const rule = RULES[from];
    if (from === 'unplaced') continue;
    if (i.target) {
      const to: Layer = layerOf(i.target);
      if (to !== from && !rule.mayImport.includes(to))
        breach(
          'layer',
          `${file} (${from}) imports ${i.target} (${to}); ${from} may import ${rule.mayImport.join(', ') || 'nothing else'}`,
        );
    } else if (!i.spec.startsWith('node:') && rule.packages !== '*') {
      const pkg = i.spec.startsWith('@') ? i.spec.split('/').slice(0, 2).join('/') : i.spec.split('/')[0]!;
      if (!rule.packages.includes(pkg)) breach('layer', `${file} (${from}) imports the package ${pkg}`);
    } else if (i.spec.startsWith('node:') && from === 'domain') breach('layer', `${file} (domain) imports ${i.spec}`);
  }
}

for (const cycle of findCycles(graph)) breach('cycle', cycle.join(' -> '));

if (problems.length) {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.split(':')[0]!, (counts.get(p.split(':')[0]!) ?? 0) + 1);
  console.error(problems.join('\n'));
  console.error(`\ncheck:layers failed: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  process.exit(1);
}
console.log('check:layers: ok');
