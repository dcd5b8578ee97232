/**
 * What a document says about the words in it, computed once per document version: which ML
 * libraries it imports, which parts are code, comments, strings or prose, and (on demand) the
 * call and keyword argument around a position. The matcher reads it to pick a word's sense.
 */

/** What kind of text a position is in. */
export type Region = 'code' | 'comment' | 'string' | 'prose';

/** How a language writes comments and strings. */
export type LanguageFamily = 'python' | 'c' | 'hash' | 'markdown' | 'prose' | 'data';

const FAMILY_BY_ID: Record<string, LanguageFamily> = {
  python: 'python', py: 'python', pyi: 'python', jupyter: 'python', ipynb: 'python',
  javascript: 'c', typescript: 'c', javascriptreact: 'c', typescriptreact: 'c', js: 'c', mjs: 'c', cjs: 'c', ts: 'c',
  tsx: 'c', jsx: 'c', java: 'c', scala: 'c', c: 'c', cpp: 'c', cc: 'c', h: 'c', hpp: 'c', go: 'c', rust: 'c', rs: 'c',
  jsonc: 'c', kotlin: 'c', swift: 'c', csharp: 'c', cs: 'c',
  r: 'hash', julia: 'hash', jl: 'hash', yaml: 'hash', yml: 'hash', shellscript: 'hash', sh: 'hash', toml: 'hash',
  markdown: 'markdown', md: 'markdown', mdx: 'markdown',
  plaintext: 'prose', txt: 'prose', latex: 'prose', tex: 'prose', bibtex: 'prose', restructuredtext: 'prose', rst: 'prose',
  json: 'data',
};

/** The family of a VS Code language id or a file extension (without the dot). Unknown ones read as prose. */
export function languageFamily(idOrExtension: string): LanguageFamily {
  const key = idOrExtension.toLowerCase().replace(/^\./, '');
  return Object.prototype.hasOwnProperty.call(FAMILY_BY_ID, key) ? FAMILY_BY_ID[key] : 'prose';
}

/** Module roots of ML libraries, and the name a hover shows for each. */
const ML_MODULES = new Map<string, string>([
  ['torch', 'PyTorch'], ['torchvision', 'PyTorch'], ['torchaudio', 'PyTorch'], ['torchtext', 'PyTorch'], ['torchmetrics', 'TorchMetrics'],
  ['tensorflow', 'TensorFlow'], ['tf_keras', 'Keras'], ['keras', 'Keras'], ['tensorflow_datasets', 'TensorFlow'],
  ['jax', 'JAX'], ['flax', 'Flax'], ['optax', 'Optax'], ['haiku', 'Haiku'], ['equinox', 'Equinox'], ['orbax', 'JAX'],
  ['sklearn', 'scikit-learn'], ['transformers', 'Transformers'], ['datasets', 'Datasets'], ['accelerate', 'Accelerate'],
  ['peft', 'PEFT'], ['trl', 'TRL'], ['lightning', 'Lightning'], ['pytorch_lightning', 'Lightning'], ['timm', 'timm'],
  ['diffusers', 'Diffusers'], ['deepspeed', 'DeepSpeed'], ['xgboost', 'XGBoost'], ['lightgbm', 'LightGBM'],
  ['catboost', 'CatBoost'], ['tiktoken', 'tiktoken'], ['tokenizers', 'Tokenizers'], ['sentence_transformers', 'Sentence Transformers'],
  ['evaluate', 'Evaluate'], ['fastai', 'fastai'], ['mlx', 'MLX'], ['paddle', 'Paddle'], ['mxnet', 'MXNet'], ['gym', 'Gym'],
  ['gymnasium', 'Gymnasium'], ['stable_baselines3', 'Stable-Baselines3'], ['einops', 'einops'], ['onnxruntime', 'ONNX Runtime'],
  ['onnx', 'ONNX'], ['triton', 'Triton'], ['bitsandbytes', 'bitsandbytes'], ['vllm', 'vLLM'], ['wandb', 'Weights & Biases'],
  ['mlflow', 'MLflow'], ['statsmodels', 'statsmodels'],
  // JavaScript packages
  ['@tensorflow/tfjs', 'TensorFlow.js'], ['@tensorflow/tfjs-node', 'TensorFlow.js'], ['@tensorflow/tfjs-node-gpu', 'TensorFlow.js'],
  ['@tensorflow/tfjs-core', 'TensorFlow.js'], ['@tensorflow/tfjs-layers', 'TensorFlow.js'], ['@tensorflow/tfjs-data', 'TensorFlow.js'],
  ['@tensorflow/tfjs-vis', 'TensorFlow.js'], ['@tensorflow/tfjs-converter', 'TensorFlow.js'], ['@tensorflow/tfjs-backend-wasm', 'TensorFlow.js'],
  ['@tensorflow/tfjs-backend-webgl', 'TensorFlow.js'], ['@tensorflow/tfjs-backend-cpu', 'TensorFlow.js'],
  ['@xenova/transformers', 'Transformers.js'], ['@huggingface/transformers', 'Transformers.js'], ['onnxruntime-web', 'ONNX Runtime'],
  ['onnxruntime-node', 'ONNX Runtime'], ['ml5', 'ml5.js'], ['brain.js', 'Brain.js'], ['@mlc-ai/web-llm', 'WebLLM'],
  // R and Julia
  ['caret', 'caret'], ['tidymodels', 'tidymodels'], ['randomForest', 'randomForest'], ['glmnet', 'glmnet'], ['e1071', 'e1071'],
  ['mlr3', 'mlr3'], ['Flux', 'Flux'], ['Lux', 'Lux'], ['MLJ', 'MLJ'],
]);

const PY_IMPORT = /^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]+([^\n#]+)|import[ \t]+([^\n#]+))/gm;
const JS_IMPORT = /(?:\bfrom[ \t]*|\brequire\([ \t]*|\bimport\([ \t]*|^[ \t]*import[ \t]+)['"]([^'"\n]+)['"]/gm;
const R_IMPORT = /\b(?:library|require)\(\s*['"]?([\w.]+)['"]?\s*\)/g;
const JL_IMPORT = /^[ \t]*(?:using|import)[ \t]+([\w., \t]+)/gm;

/** A document's analysis. */
export interface DocumentContext {
  readonly text: string;
  readonly family: LanguageFamily;
  /** Display names of the ML libraries imported (`PyTorch`, `scikit-learn`), in order of first import. */
  readonly libraries: readonly string[];
  /** Why the document counts as ML code (`imports PyTorch`), or undefined when it does not. */
  readonly mlReason?: string;
  /** Local names bound by imports, to the dotted path they stand for (`checkpoint` → `torch.utils.checkpoint.checkpoint`). */
  readonly imported: ReadonlyMap<string, string>;
  /** Root names of every imported module (`transformers`, `datasets`, `os`): as code they name a library, not a concept. */
  readonly modules: ReadonlySet<string>;
  /** The kind of text at an offset. */
  regionAt(offset: number): Region;
}

/** What a text imports: its ML libraries, the names its imports bind and the modules' roots. */
export type Imports = Pick<DocumentContext, 'libraries' | 'imported' | 'modules'>;

/** Options for {@link analyzeDocument}. */
export interface AnalyzeOptions {
  /** Imports made elsewhere that count here too, for example in the other cells of a notebook. */
  extra?: Imports;
  /** Decides from a sample of code whether a document without ML imports is still ML code (for example a config full of hyper-parameters). */
  termRich?: (sample: string) => boolean;
}

/** Analyses a document's text. Linear in its length; the caller caches the result per version. */
export function analyzeDocument(text: string, family: LanguageFamily, opts: AnalyzeOptions = {}): DocumentContext {
  const { starts, kinds } = lexRegions(text, family);
  const libraries = new Set<string>(opts.extra?.libraries);
  const imported = new Map<string, string>(opts.extra?.imported);
  const modules = new Set<string>(opts.extra?.modules);
  const codeSource = family === 'markdown' ? codeOf(text, starts, kinds) : family === 'prose' ? '' : text;
  findImports(codeSource, family === 'markdown' ? 'python' : family, libraries, imported, modules);
  if (family === 'markdown') findImports(codeSource, 'c', libraries, imported, modules);
  let last = 0;
  let mlReason: string | undefined;
  if (libraries.size > 0) mlReason = `imports ${[...libraries].slice(0, 2).join(' and ')}`;
  else if (family !== 'prose' && family !== 'markdown' && opts.termRich?.(text.slice(0, 8000))) mlReason = 'is full of ML terms';
  return {
    text,
    family,
    libraries: [...libraries],
    mlReason,
    imported,
    modules,
    regionAt: (offset: number): Region => {
      // Matches arrive in document order: try the last region and the next one before searching.
      if (offset >= starts[last] && (last + 1 === starts.length || offset < starts[last + 1])) return REGION_NAMES[kinds[last]];
      if (last + 1 < starts.length && offset >= starts[last + 1] && (last + 2 === starts.length || offset < starts[last + 2])) {
        last++;
        return REGION_NAMES[kinds[last]];
      }
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      last = lo;
      return REGION_NAMES[kinds[lo]];
    },
  };
}

/** The imports of a code text alone, without analysing its regions (Markdown and prose import nothing here). */
export function importsOf(text: string, family: LanguageFamily): Imports {
  const libraries = new Set<string>();
  const imported = new Map<string, string>();
  const modules = new Set<string>();
  if (family !== 'markdown' && family !== 'prose') findImports(text, family, libraries, imported, modules);
  return { libraries: [...libraries], imported, modules };
}

const REGION_NAMES: readonly Region[] = ['code', 'comment', 'string', 'prose'];
const enum R {
  Code = 0,
  Comment = 1,
  String = 2,
  Prose = 3,
}

function findImports(code: string, family: LanguageFamily, libraries: Set<string>, imported: Map<string, string>, modules: Set<string>): void {
  if (!code) return;
  const add = (module: string): void => {
    const m = module.trim();
    const root = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split(/[./]/)[0];
    if (/^\w+$/.test(root)) modules.add(root);
    const name = ML_MODULES.get(m) ?? ML_MODULES.get(root);
    if (name) libraries.add(name);
  };
  if (family === 'python') {
    for (const m of code.matchAll(PY_IMPORT)) {
      if (m[1]) {
        add(m[1]);
        for (const part of m[2].replace(/[()\\]/g, '').split(',')) {
          const [name, alias] = part.trim().split(/\s+as\s+/);
          if (/^\w+$/.test(name)) imported.set((alias ?? name).trim(), `${m[1]}.${name}`);
        }
      } else {
        for (const part of m[3].split(',')) {
          const [name, alias] = part.trim().split(/\s+as\s+/);
          add(name);
          if (alias) imported.set(alias.trim(), name.trim());
        }
      }
    }
  } else if (family === 'c') {
    for (const m of code.matchAll(JS_IMPORT)) add(m[1]);
  } else if (family === 'hash') {
    for (const m of code.matchAll(R_IMPORT)) add(m[1]);
    for (const m of code.matchAll(JL_IMPORT)) m[1].split(/[,\s]+/).forEach(add);
    for (const m of code.matchAll(PY_IMPORT)) add(m[1] ?? m[3].split(',')[0]);
  }
}

/** The code segments of a Markdown document, blanked elsewhere so that import regexes see only code. */
function codeOf(text: string, starts: number[], kinds: number[]): string {
  let out = '';
  for (let i = 0; i < starts.length; i++) {
    if (kinds[i] !== R.Code) continue;
    out += text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length) + '\n';
  }
  return out;
}

/**
 * Splits a text into regions: `starts[i]` is where region i begins and `kinds[i]` its kind.
 * A single pass with no regular expressions per character.
 */
function lexRegions(text: string, family: LanguageFamily): { starts: number[]; kinds: number[] } {
  const starts: number[] = [0];
  const kinds: number[] = [family === 'markdown' || family === 'prose' ? R.Prose : R.Code];
  const mark = (at: number, kind: number): void => {
    if (kinds[kinds.length - 1] === kind) return;
    if (starts[starts.length - 1] === at) {
      kinds[kinds.length - 1] = kind;
      return;
    }
    starts.push(at);
    kinds.push(kind);
  };
  if (family === 'prose' || family === 'data') return { starts, kinds };
  if (family === 'markdown') {
    lexMarkdown(text, mark);
    return { starts, kinds };
  }
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ && family !== 'c') {
      const e = lineEnd(text, i);
      mark(i, R.Comment);
      mark(e, R.Code);
      i = e;
    } else if (c === 47 /* / */ && family === 'c' && text.charCodeAt(i + 1) === 47) {
      const e = lineEnd(text, i);
      mark(i, R.Comment);
      mark(e, R.Code);
      i = e;
    } else if (c === 47 && family === 'c' && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const e = close < 0 ? n : close + 2;
      mark(i, R.Comment);
      mark(e, R.Code);
      i = e;
    } else if (c === 34 /* " */ || c === 39 /* ' */ || (c === 96 /* ` */ && family === 'c')) {
      const triple = family === 'python' && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      const e = triple ? closeTriple(text, i, c) : closeString(text, i, c, c === 96);
      // Triple-quoted strings are docstrings and long messages: prose, not code.
      mark(i, triple ? R.Prose : R.String);
      mark(e, R.Code);
      i = e;
    } else {
      i++;
    }
  }
  return { starts, kinds };
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

function closeTriple(text: string, i: number, q: number): number {
  const quote = String.fromCharCode(q).repeat(3);
  const e = text.indexOf(quote, i + 3);
  return e < 0 ? text.length : e + 3;
}

function closeString(text: string, i: number, q: number, multiline: boolean): number {
  const n = text.length;
  for (let k = i + 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 92 /* \ */) k++;
    else if (c === q) return k + 1;
    else if (c === 10 && !multiline) return k;
  }
  return n;
}

function lexMarkdown(text: string, mark: (at: number, kind: number) => void): void {
  const n = text.length;
  let pos = 0;
  let fence = '';
  while (pos < n) {
    const e = lineEnd(text, pos);
    const line = text.slice(pos, Math.min(e, pos + 200));
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) {
        fence = '';
        mark(e, R.Prose);
      }
    } else if (f) {
      fence = f[1];
      mark(e + 1, R.Code);
    } else {
      // Inline code spans are identifiers, the rest of the line is prose.
      let k = text.indexOf('`', pos);
      while (k >= 0 && k < e) {
        const close = text.indexOf('`', k + 1);
        if (close < 0 || close > e) break;
        mark(k + 1, R.Code);
        mark(close, R.Prose);
        k = text.indexOf('`', close + 1);
      }
    }
    pos = e + 1;
  }
}

/** The call that a position is an argument of. */
export interface CallSite {
  /** The callee as written, dotted (`nn.Linear`, `model.generate`). */
  callee: string;
  /** True when the word at the position is a keyword argument's name (`bias=`, `{useBias: …}`). */
  keyword: boolean;
}

const MAX_CALL_LOOKBACK = 1500;

/**
 * The call enclosing the word at [start, end), or undefined. A bounded backward scan over
 * brackets, so it costs the same in a 1 MB file as in a short one.
 */
export function callSiteAt(text: string, start: number, end: number): CallSite | undefined {
  let k = end;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  const next = text.charCodeAt(k);
  const keyword = (next === 61 /* = */ && text.charCodeAt(k + 1) !== 61) || next === 58; /* : */
  if (keyword && !followsOpenerOrComma(text, start)) return undefined;
  let depth = 0;
  const stop = Math.max(0, start - MAX_CALL_LOOKBACK);
  for (let i = start - 1; i >= stop; i--) {
    const c = text.charCodeAt(i);
    // A line that starts in column 0 begins a top-level statement: no call encloses it.
    if (c === 10 && i + 1 < start && isTopLevelStart(text.charCodeAt(i + 1))) return undefined;
    if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 40 || c === 91 || c === 123) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c === 91) return undefined;
      let j = i - 1;
      while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
      if (c === 123) {
        // `{ useBias: false }` as the argument of `tf.layers.dense(...)`
        if (text.charCodeAt(j) !== 40) return undefined;
        i = j;
        j--;
        while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
      } else if (next === 58) {
        return undefined;
      }
      let s = j + 1;
      while (s > 0 && isCalleeChar(text.charCodeAt(s - 1))) s--;
      const callee = text.slice(s, j + 1).replace(/^\.+/, '');
      return callee ? { callee, keyword: keyword && (c === 40 || c === 123) } : undefined;
    }
  }
  return undefined;
}

/** A keyword argument's name comes right after `(`, `{` or `,` (possibly on an earlier line); an assignment's does not. */
function followsOpenerOrComma(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c === 40 || c === 123 || c === 44;
    i--;
  }
  return false;
}

function isTopLevelStart(c: number): boolean {
  return c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 41 && c !== 93 && c !== 125 && c !== 35 && c !== 47;
}

function isCalleeChar(c: number): boolean {
  return c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True when `callee` names one of `apis`: `nn.Linear` matches `torch.nn.Linear`, and `Linear` matches any `*.Linear`. */
export function calleeMatches(callee: string, apis: readonly string[]): boolean {
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  for (const api of apis) {
    if (api.indexOf('.') < 0 ? last === api : callee === api || (callee.endsWith(api) && callee.charCodeAt(callee.length - api.length - 1) === 46)) return true;
  }
  return false;
}
