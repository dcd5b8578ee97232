import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compileGlossary } from '../../src/core/glossary/compile';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { analyzeDocument, callSiteAt, languageFamily } from '../../src/core/documentContext';
import { analyzeParts, scanDocument, scanText, type Occurrence } from '../../src/core/scan';
import { parseNotebook } from '../../src/core/notebook';
import { senseLine } from '../../src/core/hoverMarkdown';
import { ABBREVIATIONS, PROPER_NAMES } from '../../src/core/abbreviations';
import { tokenize } from '../../src/core/tokenizer';
import type { TermMatch } from '../../src/core/matcher';
import { readFolder, ROOT } from './fixtures';

const FIXTURES = path.join(ROOT, 'test/fixtures/context');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

let shipped: GlossaryIndex | undefined;
/** The shipped glossary, compiled once. */
function glossary(): GlossaryIndex {
  return (shipped ??= new GlossaryIndex(compileGlossary(readFolder(path.join(ROOT, 'glossary'))).index));
}

/** A hit expected on a 1-based line: the text as written and the entry it must explain. */
type Expect = [line: number, text: string, term: string];
/** A word on a 1-based line that must stay dark (or at least not show `notTerm`). */
type Quiet = [line: number, text: string, notTerm?: string];

function check(occurrences: Occurrence[], expected: Expect[], quiet: Quiet[], where: string): void {
  const problems: string[] = [];
  for (const [line, text, term] of expected) {
    const got = occurrences.filter((o) => o.line === line - 1 && o.text.toLowerCase().includes(text.toLowerCase()));
    if (!got.some((o) => o.term === term)) problems.push(`${where}:${line} "${text}" should be ${term}, got ${got.map((o) => o.term).join(', ') || 'nothing'}`);
  }
  for (const [line, text, notTerm] of quiet) {
    const got = occurrences.filter((o) => o.line === line - 1 && o.text.toLowerCase().includes(text.toLowerCase()) && (!notTerm || o.term === notTerm));
    if (got.length) problems.push(`${where}:${line} "${text}" should stay quiet, got ${got.map((o) => o.term).join(', ')}`);
  }
  assert.deepStrictEqual(problems, []);
}

/** The first line (1-based) of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture lacks "${needle}"`);
  return i + 1;
}

describe('document context', () => {
  it('knows each language family by VS Code id and by file extension', () => {
    assert.strictEqual(languageFamily('python'), 'python');
    assert.strictEqual(languageFamily('.ts'), 'c');
    assert.strictEqual(languageFamily('markdown'), 'markdown');
    assert.strictEqual(languageFamily('r'), 'hash');
    assert.strictEqual(languageFamily('constructor'), 'prose');
  });

  it('finds ML imports in Python, JavaScript, R and Markdown code blocks, and ignores others', () => {
    assert.deepStrictEqual(analyzeDocument('import os\nimport torch.nn as nn\nfrom sklearn.metrics import f1_score\n', 'python').libraries, ['PyTorch', 'scikit-learn']);
    assert.deepStrictEqual(analyzeDocument("import * as tf from '@tensorflow/tfjs';\nconst fs = require('fs');", 'c').libraries, ['TensorFlow.js']);
    assert.deepStrictEqual(analyzeDocument('library(keras)\n', 'hash').libraries, ['Keras']);
    assert.deepStrictEqual(analyzeDocument('Intro\n\n```python\nimport jax\n```\n', 'markdown').libraries, ['JAX']);
    const plain = analyzeDocument('import os, sys\nimport numpy as np\n', 'python');
    assert.deepStrictEqual(plain.libraries, []);
    assert.strictEqual(plain.mlReason, undefined);
  });

  it('records what imported names stand for', () => {
    const ctx = analyzeDocument('from torch.utils.checkpoint import checkpoint as ckpt_fn, checkpoint_sequential\nimport numpy as np\n', 'python');
    assert.strictEqual(ctx.imported.get('ckpt_fn'), 'torch.utils.checkpoint.checkpoint');
    assert.strictEqual(ctx.imported.get('checkpoint_sequential'), 'torch.utils.checkpoint.checkpoint_sequential');
    assert.strictEqual(ctx.imported.get('np'), 'numpy');
  });

  it('tells code from comments, strings, docstrings and Markdown prose', () => {
    const py = 'x = 1  # the loss\ns = "loss"\n"""A docstring about loss."""\ny = loss\n';
    const ctx = analyzeDocument(py, 'python');
    assert.strictEqual(ctx.regionAt(py.indexOf('the loss')), 'comment');
    assert.strictEqual(ctx.regionAt(py.indexOf('"loss"') + 1), 'string');
    assert.strictEqual(ctx.regionAt(py.indexOf('docstring')), 'prose');
    assert.strictEqual(ctx.regionAt(py.lastIndexOf('loss')), 'code');
    const js = 'const a = 1; // note\n/* block\n comment */ let b = `tpl ${a}`;';
    const jctx = analyzeDocument(js, 'c');
    assert.strictEqual(jctx.regionAt(js.indexOf('note')), 'comment');
    assert.strictEqual(jctx.regionAt(js.indexOf('comment')), 'comment');
    assert.strictEqual(jctx.regionAt(js.indexOf('let')), 'code');
    const md = 'Some prose with `val_loss` inline.\n\n```python\nloss = f(x)\n```\nMore prose.';
    const mctx = analyzeDocument(md, 'markdown');
    assert.strictEqual(mctx.regionAt(md.indexOf('prose')), 'prose');
    assert.strictEqual(mctx.regionAt(md.indexOf('val_loss')), 'code');
    assert.strictEqual(mctx.regionAt(md.indexOf('loss =')), 'code');
    assert.strictEqual(mctx.regionAt(md.indexOf('More')), 'prose');
  });

  it('finds the call and keyword argument around a word, across lines and in JavaScript objects', () => {
    const at = (text: string, word: string) => {
      const i = text.indexOf(word);
      return callSiteAt(text, i, i + word.length);
    };
    assert.deepStrictEqual(at('self.fc = nn.Linear(4, 8, bias=False)', 'bias'), { callee: 'nn.Linear', keyword: true });
    assert.deepStrictEqual(at('m = Model.from_pretrained(\n    name,\n    num_labels=3,\n)', 'num_labels'), { callee: 'Model.from_pretrained', keyword: true });
    assert.deepStrictEqual(at("tf.layers.dense({ units: 10, useBias: false })", 'useBias'), { callee: 'tf.layers.dense', keyword: true });
    assert.deepStrictEqual(at('f(g(a), bias == 1)', 'bias'), { callee: 'f', keyword: false });
    assert.strictEqual(at('bias = False', 'bias'), undefined);
    assert.strictEqual(at('xs[bias=1]', 'bias'), undefined);
  });
});

describe('abbreviations and proper names', () => {
  for (const a of ABBREVIATIONS) {
    it(`"${a.abbr}" reads as "${a.expansion}" inside an identifier`, () => {
      const words = a.expansion.split(' ');
      assert.deepStrictEqual(tokenize(`x_${a.abbr}_n`).slice(1, 1 + words.length).map((t) => t.norm), words);
    });
  }
  it('expands identifier-only abbreviations only inside identifiers', () => {
    assert.deepStrictEqual(tokenize('ln(x)').map((t) => t.norm), ['ln', 'x']);
    assert.deepStrictEqual(tokenize('self.ln_f').map((t) => t.norm), ['self', 'layer', 'norm', 'f']);
    assert.deepStrictEqual(tokenize('ln1').map((t) => t.norm), ['layer', 'norm', '1']);
  });
  it('reads iter as iterations only where it counts them, not as an iterator', () => {
    assert.deepStrictEqual(tokenize('max_iters').map((t) => t.norm), ['max', 'iteration']);
    assert.deepStrictEqual(tokenize('iter_num').map((t) => t.norm), ['iteration', 'num']);
    assert.deepStrictEqual(tokenize('train_iter').map((t) => t.norm), ['train', 'iter']);
  });
  it('gives an expansion the span of the abbreviation, and starts no match inside it', () => {
    const t = tokenize('ffn_dim');
    assert.deepStrictEqual(t.slice(0, 3).map((x) => [x.start, x.end, !!x.cont]), [[0, 3, false], [0, 3, true], [0, 3, true]]);
  });
  for (const name of PROPER_NAMES) {
    it(`never splits ${name}`, () => assert.deepStrictEqual(tokenize(`${name} x`).map((t) => t.text), [name, 'x']));
  }
  it('splits acronyms inside CamelCase', () => {
    assert.deepStrictEqual(tokenize('MnistTransferCNNPredictor').map((t) => t.text), ['Mnist', 'Transfer', 'CNN', 'Predictor']);
  });
});

describe('context-aware matching on fixtures written for it', function () {
  this.timeout(30_000);

  it('explains the ML words of a GPT training script, and keeps plain code quiet', () => {
    const src = read('tiny_gpt.py');
    const occ = scanDocument(glossary(), src, 'python');
    const L = (needle: string): number => lineOf(src, needle);
    check(
      occ,
      [
        [L('n_layer = 4'), 'n_layer', 'network-depth-and-width'],
        [L('n_head = 4'), 'n_head', 'multi-head-attention'],
        [L('n_embd = 128'), 'n_embd', 'network-depth-and-width'],
        [L('block_size = 64'), 'block_size', 'context-window'],
        [L('bias = False  #'), 'bias', 'bias-term'],
        [L('beta1 = 0.9'), 'beta1', 'adam-optimizer'],
        [L('beta2 = 0.95'), 'beta2', 'adam-optimizer'],
        [L('warmup_iters = 200'), 'warmup', 'learning-rate-warmup'],
        [L('ddp = int('), 'ddp', 'data-parallelism'],
        [L('ddp_rank ='), 'ddp', 'data-parallelism'],
        [L('ddp_world_size ='), 'world_size', 'distributed-training'],
        [L('self.ln_1 = '), 'ln', 'layer-normalization'],
        [L('nn.Linear(n_embd, 4 * n_embd, bias=False)'), 'bias', 'bias-term'],
        [L('return x + checkpoint('), 'checkpoint', 'gradient-checkpointing'],
        [L('self.tok_emb = nn.Embedding'), 'emb', 'embedding'],
        [L('self.lm_head = nn.Linear'), 'lm_head', 'language-model-head'],
        [L('# weight tying'), 'weight tying', 'weight-tying'],
        [L('n_params = sum'), 'params', 'parameter'],
        [L('n_params = sum'), 'parameters', 'parameter'],
        [L('torch.nn.init.normal_'), 'init', 'weight-initialization'],
        [L('loss = F.cross_entropy'), 'loss', 'loss-function'],
        [L('temperature=1.0, top_k'), 'temperature', 'sampling-temperature'],
        [L('torch.multinomial'), 'multinomial', 'multinomial-sampling'],
        [L('def get_batch'), 'batch', 'mini-batch'],
        [L('betas=(beta1, beta2)'), 'betas', 'adam-optimizer'],
        [L('best_val_loss = float'), 'loss', 'loss-function'],
        [L('_, val_loss = model'), 'loss', 'loss-function'],
        [L('model.eval()'), 'eval', 'train-eval-mode'],
        [L('@torch.no_grad()'), 'no_grad', 'no-grad-mode'],
      ],
      [
        [L('def __init__(self, use_checkpoint'), '__init__'],
        [L('import math'), 'math'],
        [L('import os'), 'os'],
        [L('return x, y'), 'return'],
        [L('x = block(x)'), 'x'],
        [L('def train(model, train_data, val_data)'), 'model'],
      ],
      'tiny_gpt.py',
    );
  });

  it('knows the sense of a keyword argument from its call', () => {
    const src = [
      'import torch.nn as nn',
      'bn = nn.BatchNorm2d(64, momentum=0.1)',
      'opt = torch.optim.SGD(params, lr=0.1, momentum=0.9)',
      'trainer = L.Trainer(precision="bf16-mixed")',
      'out = model.generate(ids, do_sample=True, temperature=0.7, top_k=50)',
      'enc = tokenizer(texts, padding="max_length", truncation=True)',
      'padding = "max_length" if data_args.pad_to_max_length else False',
      'conv = nn.Conv2d(3, 16, 3, padding=1)',
      'y = torch.utils.checkpoint.checkpoint(block, x)',
      'np.set_printoptions(precision=3)',
    ].join('\n');
    check(
      scanDocument(glossary(), src, 'python'),
      [
        [2, 'momentum', 'batch-normalization'], [3, 'momentum', 'momentum'], [4, 'precision', 'mixed-precision-training'],
        [5, 'temperature', 'sampling-temperature'], [6, 'padding', 'sequence-padding'], [7, 'pad_to_max_length', 'sequence-padding'],
        [8, 'padding', 'convolution-padding'], [9, 'checkpoint', 'gradient-checkpointing'],
      ],
      [[2, 'momentum', 'momentum'], [4, 'precision', 'precision'], [8, 'padding', 'sequence-padding'], [9, 'checkpoint', 'model-checkpoint'], [10, 'precision']],
      'kwargs.py',
    );
  });

  it('tells attributes from plain variables, and messages from names in strings', () => {
    const src = [
      'import torch',
      'w = self.fc.weight',
      'weights = torch.softmax(q @ k.T, dim=-1)',
      "parser.add_argument('--act', help='the RNN activation to use')",
      "layer = Dense(8, activation='relu')",
      'self.fc = nn.Linear(in_features=4, out_features=2)',
    ].join('\n');
    check(
      scanDocument(glossary(), src, 'python'),
      [[2, 'weight', 'parameter'], [5, 'activation', 'activation-function']],
      [[3, 'weights'], [4, 'activation'], [6, 'features', 'feature']],
      'members.py',
    );
  });

  it('reads W1 and b1 of a network written from scratch, and b1 of Adam as Adam\'s', () => {
    const mlp = 'import torch\nW1 = torch.randn((30, 200))\nb1 = torch.randn(200)\nh = torch.tanh(x @ W1 + b1)\n';
    check(scanDocument(glossary(), mlp, 'python'), [[2, 'W1', 'parameter'], [3, 'b1', 'bias-term']], [], 'mlp.py');
    const adam = 'import optax\nopt = optax.adam(learning_rate=1e-3, b1=0.9, b2=0.999)\n';
    check(scanDocument(glossary(), adam, 'python'), [[2, 'b1', 'adam-optimizer'], [2, 'b2', 'adam-optimizer']], [[2, 'b1', 'bias-term']], 'adam.py');
  });

  it('reads Markdown prose by its neighbours, and keeps other senses quiet', () => {
    const src = read('notes.md');
    const L = (needle: string): number => lineOf(src, needle);
    check(
      scanDocument(glossary(), src, 'markdown'),
      [
        [L('We fine-tune a small transformer'), 'transformer', 'transformer'],
        [L('We fine-tune a small transformer'), 'loss', 'loss-function'],
        [L('vector quantization'), 'vector quantization', 'vector-quantization'],
        [L('The labels come from'), 'labels', 'label'],
        [L('The labels come from'), 'checkpoint', 'model-checkpoint'],
        [L('with AdamW'), 'AdamW', 'adamw'],
      ],
      [
        [L('Thanks to Adam Smith'), 'Adam'],
        [L('uses TensorFlow'), 'TensorFlow'],
        [L('Unix epoch'), 'epoch'],
        [L('regression test'), 'regression'],
        [L('connection pooling'), 'pooling'],
        [L('memory leakage'), 'leakage'],
        [L('type inference'), 'inference'],
        [L('greedy algorithm'), 'greedy'],
        [L('seeding the database'), 'seeding'],
        [L('dashboard buttons'), 'labels'],
        [L('dashboard buttons'), 'loss'],
      ],
      'notes.md',
    );
  });

  it('reads a sequence length as the context window in attention code only', () => {
    const attention = [
      'import torch',
      'def forward(self, x, freqs_cis, mask):',
      '    bsz, seqlen, _ = x.shape',
      '    scores = self.attention(x.view(bsz, seqlen, self.n_heads, self.head_dim), mask)',
    ].join('\n');
    check(scanDocument(glossary(), attention, 'python'), [[3, 'seqlen', 'context-window'], [4, 'seqlen', 'context-window']], [], 'attention code');
    const recurrent = [
      'import torch',
      'rnn = torch.nn.LSTM(input_size=32, hidden_size=64)',
      'seq_len = max(5, int(np.random.normal(bptt, 5)))',
      'data, targets = get_batch(train_data, i, seq_len=seq_len)',
    ].join('\n');
    check(scanDocument(glossary(), recurrent, 'python'), [], [[3, 'seq_len', 'context-window'], [4, 'seq_len', 'context-window']], 'recurrent code');
  });

  it('reads names written with an apostrophe or an @ as the whole name', () => {
    const src = [
      "Agreement between the two raters is Cohen's kappa, and the classifier rests on Bayes' theorem.",
      'The retriever reports Recall@K and precision@k, and the code model pass@k.',
    ].join('\n');
    check(
      scanDocument(glossary(), src, 'markdown'),
      [
        [1, "Cohen's kappa", 'cohens-kappa'],
        [1, "Bayes' theorem", 'bayes-theorem'],
        [2, 'Recall@K', 'precision-at-k'],
        [2, 'precision@k', 'precision-at-k'],
        [2, 'pass@k', 'pass-at-k'],
      ],
      [[2, 'precision', 'precision'], [2, 'Recall', 'recall']],
      'apostrophes and @',
    );
  });

  it('splits acronyms in CamelCase, keeps product names whole and UI code quiet in TensorFlow.js', () => {
    const src = read('mnist_transfer.js');
    const L = (needle: string): number => lineOf(src, needle);
    check(
      scanDocument(glossary(), src, 'c'),
      [
        [L('class MnistTransferCNNPredictor'), 'CNN', 'convolutional-neural-network'],
        [L('class MnistTransferCNNPredictor'), 'Mnist', 'mnist'],
        [L('function setupMnistTransferCNN'), 'CNN', 'convolutional-neural-network'],
        [L('layer.trainable = false'), 'trainable', 'layer-freezing'],
        [L("padding: 'same'"), 'padding', 'convolution-padding'],
        [L("padding: 'same'"), 'useBias', 'bias-term'],
        [L('retrain(xs, labels'), 'labels', 'label'],
        [L('return history.history.loss'), 'loss', 'loss-function'],
      ],
      [
        [L('with TensorFlow.js'), 'Tensor', 'tensor'],
        [L('function textToImageArray'), 'textToImage'],
        [L("const label = document.createElement"), 'label'],
        [L('label.textContent'), 'label'],
        [L('container.appendChild(label)'), 'label'],
      ],
      'mnist_transfer.js',
    );
  });

  it('lets a notebook cell know the imports of the other cells', () => {
    const cells = parseNotebook(read('finetune_classifier.ipynb'));
    const contexts = analyzeParts(glossary(), cells.map((c) => ({ text: c.source, family: c.kind === 'code' ? 'python' : 'markdown' })));
    const hits = cells.map((c, i) => scanText(glossary(), c.source, undefined, contexts[i]));
    check(hits[2], [[1, 'labels', 'label'], [2, 'label', 'label']], [], 'cell 3');
    check(hits[3], [[1, 'padding', 'sequence-padding'], [4, 'loss', 'loss-function'], [1, 'batch', 'mini-batch']], [], 'cell 4');
    check(hits[0], [[4, 'loss', 'loss-function'], [4, 'labels', 'label']], [], 'cell 1 (Markdown)');
    // Alone, the same cell has no imports to go by.
    assert.deepStrictEqual(scanDocument(glossary(), cells[3].source, 'python').filter((o) => o.line === 1 && o.term === 'label'), []);
    check(hits[3], [[2, 'labels', 'label']], [], 'cell 4');
  });

  it('never lights up ambiguous words without a context, and never plain names in ML code', () => {
    const lib = 'import torch\nfrom lit_gpt.model import GPT\nimport datasets\nimport peft\n';
    const libHits = scanDocument(glossary(), lib, 'python');
    check(libHits, [[2, 'GPT', 'gpt'], [4, 'peft', 'parameter-efficient-fine-tuning']], [[3, 'datasets']], 'imports.py');
    assert.deepStrictEqual(libHits.filter((o) => o.line === 1).map((o) => o.text), ['GPT'], 'lit_gpt names a library, not GPT');
    const ml = 'import torch\nmodel = data = x = config = device = args = None\nreturn_value = self\n';
    assert.deepStrictEqual(scanDocument(glossary(), ml, 'python'), []);
    assert.deepStrictEqual(glossary().matcher.scan('val_loss = loss + bias'), []);
  });

  it('hovers take the same sense as scans, and say why', () => {
    const text = 'import torch.nn as nn\nfc = nn.Linear(4, 8, bias=False)\nval_loss = 1\n';
    const ctx = glossary().analyze(text, 'python');
    const hover = (word: string): TermMatch | undefined => glossary().matcher.matchAt(text, text.indexOf(word) + 1, { env: { ctx, base: 0 } });
    const bias = hover('bias');
    assert.strictEqual(bias?.term, 'bias-term');
    assert.deepStrictEqual(bias?.why, { kind: 'argument', callee: 'nn.Linear' });
    const term = glossary().get('bias-term');
    assert.ok(term);
    assert.strictEqual(senseLine(glossary(), term, 'bias', bias.why!), '`bias=` in `nn.Linear` → bias term');
    const loss = hover('loss');
    assert.strictEqual(loss?.term, 'loss-function');
    assert.deepStrictEqual(loss?.why, { kind: 'code', because: 'imports PyTorch', identifier: 'val_loss' });
    assert.strictEqual(senseLine(glossary(), glossary().get('loss-function')!, 'loss', loss.why!), '`loss` in `val_loss` → loss function, in code that imports PyTorch');
  });
});
