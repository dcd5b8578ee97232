// An esbuild plugin for bundles that run in a browser or a web worker (the web extension, the
// webviews, the glossary compiler): the build fails, naming the importing file, when anything in
// the bundle imports a Node built-in module (`fs`, `node:path`, `fs/promises`, ...).
//
// A package may map a built-in to `false` in its package.json `browser` field (tfjs and seedrandom
// do, for code behind "if running in Node" checks): esbuild then bundles an empty module, nothing
// of Node is imported, and the import is allowed.
'use strict';
const { builtinModules } = require('module');

const roots = [...new Set(builtinModules.map((m) => m.split('/')[0]))];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const filter = new RegExp(`^(node:|(${roots.map(escape).join('|')})(/|$))`);
const SKIP = Symbol('no-node-builtins');

/** @returns {import('esbuild').Plugin} */
function noNodeBuiltins() {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === SKIP) return undefined;
        const resolved = await build.resolve(args.path, {
          importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SKIP,
        });
        // Resolved to a file (a browser polyfill) or disabled by a `browser` field: not Node's.
        if (resolved.errors.length === 0 && !resolved.external) return undefined;
        return {
          errors: [{
            text: `"${args.path}" is a Node built-in module, imported by ${args.importer || '(entry point)'}; ` +
              'this bundle runs in a browser or a web worker, where Node built-ins do not exist',
          }],
        };
      });
    },
  };
}

module.exports = { noNodeBuiltins };
