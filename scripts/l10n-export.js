#!/usr/bin/env node
// Extracts the runtime messages of ML Lens into l10n/bundle.l10n.json (English: key = value).
//   node scripts/l10n-export.js           writes the bundle
//   node scripts/l10n-export.js --check   exits 1 when the bundle is out of date
// A message is the first argument of `vscode.l10n.t(...)` (extension), `l10n.t(...)` (webviews,
// @vscode/l10n) or `t(...)` (core functions that take a Translate). It must be a string literal:
// a computed message cannot be translated, so it is reported with its file and line.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

function tsFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** `vscode.l10n.t`, `l10n.t` or a bare `t`. */
function isTranslateCall(node) {
  if (!ts.isCallExpression(node)) return false;
  const c = node.expression;
  if (ts.isIdentifier(c)) return c.text === 't';
  return ts.isPropertyAccessExpression(c) && c.name.text === 't' && (
    (ts.isIdentifier(c.expression) && c.expression.text === 'l10n') ||
    (ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'l10n'));
}

/**
 * Every message passed to a translate call under `src/`, with where it is used, and the calls whose
 * message is not a literal.
 */
function extract(root = ROOT) {
  const messages = new Map();
  const problems = [];
  for (const file of tsFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/\bt\(/.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (isTranslateCall(node)) {
        const arg = node.arguments[0];
        const where = `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
          if (!messages.has(arg.text)) messages.set(arg.text, []);
          messages.get(arg.text).push(where);
        } else {
          problems.push(`${where}: the message of a translate call must be a string literal`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { messages, problems };
}

/** The English bundle's text for the given messages: sorted keys, each its own value. */
function bundleText(messages) {
  const obj = {};
  for (const k of [...messages.keys()].sort()) obj[k] = k;
  return JSON.stringify(obj, null, 2) + '\n';
}

module.exports = { extract, bundleText, BUNDLE };

if (require.main === module) {
  const { messages, problems } = extract();
  for (const p of problems) console.error(p);
  const text = bundleText(messages);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text || problems.length) {
      console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n:export`.');
      process.exit(1);
    }
    console.log(`l10n: ${messages.size} messages, bundle up to date`);
  } else {
    fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
    fs.writeFileSync(BUNDLE, text);
    console.log(`l10n: wrote ${messages.size} messages to ${path.relative(ROOT, BUNDLE)}`);
    if (problems.length) process.exit(1);
  }
}
