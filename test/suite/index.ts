// Mocha runner that VS Code's extension host loads as `extensionTestsPath`.
// It runs every `*.test.js` compiled next to this file (out/test/suite/**), in a real VS Code:
// code-server through `npm run test:vscode`, or a desktop build through `npm run test:electron`.
//
// Environment (read inside the extension host, which inherits the server's environment):
//   ML_LENS_TEST_GREP     run only the tests whose full title matches this pattern
//   ML_LENS_TEST_TIMEOUT  per-test timeout in ms (default 20000)
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Every `*.test.js` under `dir`, sorted, so runs are reproducible. */
function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  const grep = process.env.ML_LENS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.ML_LENS_TEST_TIMEOUT) || 20000,
    ...(grep ? { grep } : {}),
  });
  const files = findTests(__dirname);
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files under ${__dirname}: run \`npm run compile-tests\` first`));
  }
  for (const file of files) mocha.addFile(file);

  return new Promise<void>((resolve, reject) => {
    try {
      console.log('ML_LENS_SUITE_START');
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        // One machine-readable line for the code-server runner, which prints the totals.
        console.log(`ML_LENS_SUITE_RESULT ${JSON.stringify({ passes, failures, pending })}`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
