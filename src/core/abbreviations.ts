/**
 * Abbreviations that ML code uses inside identifiers (`tok_emb`, `n_embd`, `attn_mask`, `ffn_dim`),
 * and product names that must never be cut into words (`TensorFlow` is not a tensor).
 * Both are data: the tokenizer applies them, and glossary keys go through the same tokenizer,
 * so an alias written in full (`feed-forward network`) also matches its abbreviation (`ffn`).
 */

/** How an abbreviated sub-token is read. */
export interface Abbreviation {
  /** The sub-token, lowercase and singular (`emb` also covers `embs`). */
  abbr: string;
  /** What it stands for, as words (`embedding`, `layer norm`). */
  expansion: string;
  /**
   * Expand only inside a compound identifier (`ln_f`, `ln1`), never as a word on its own:
   * a bare `ln` is as likely the natural logarithm.
   */
  inIdentifierOnly?: boolean;
  /**
   * Not as the last word of an identifier unless plural: `iter_num` and `max_iters` count
   * iterations, `train_iter` is an iterator.
   */
  notLast?: boolean;
}

/** The abbreviation table. Keep entries unambiguous in ML code; tests check each one. */
export const ABBREVIATIONS: readonly Abbreviation[] = [
  { abbr: 'emb', expansion: 'embedding' },
  { abbr: 'embd', expansion: 'embedding' },
  { abbr: 'attn', expansion: 'attention' },
  { abbr: 'att', expansion: 'attention' },
  { abbr: 'fc', expansion: 'fully connected' },
  { abbr: 'ffn', expansion: 'feed forward network' },
  { abbr: 'ffwd', expansion: 'feed forward' },
  { abbr: 'ln', expansion: 'layer norm', inIdentifierOnly: true },
  { abbr: 'layernorm', expansion: 'layer norm' },
  { abbr: 'batchnorm', expansion: 'batch norm' },
  { abbr: 'wd', expansion: 'weight decay', inIdentifierOnly: true },
  { abbr: 'ckpt', expansion: 'checkpoint' },
  { abbr: 'crit', expansion: 'criterion' },
  { abbr: 'emsize', expansion: 'embedding size' },
  { abbr: 'acc', expansion: 'accuracy', inIdentifierOnly: true },
  { abbr: 'ddp', expansion: 'distributed data parallel' },
  { abbr: 'fsdp', expansion: 'fully sharded data parallel' },
  { abbr: 'tok', expansion: 'token' },
  { abbr: 'seq', expansion: 'sequence' },
  { abbr: 'seqlen', expansion: 'sequence length' },
  { abbr: 'len', expansion: 'length', inIdentifierOnly: true },
  { abbr: 'ctx', expansion: 'context', inIdentifierOnly: true },
  { abbr: 'iter', expansion: 'iteration', inIdentifierOnly: true, notLast: true },
  { abbr: 'hparam', expansion: 'hyperparameter' },
  { abbr: 'hyperparam', expansion: 'hyperparameter' },
  { abbr: 'optim', expansion: 'optimizer', inIdentifierOnly: true },
  { abbr: 'opt', expansion: 'optimizer', inIdentifierOnly: true },
  { abbr: 'sched', expansion: 'scheduler', inIdentifierOnly: true },
  { abbr: 'pos', expansion: 'position', inIdentifierOnly: true },
];

/** Product and project names written in CamelCase that name one thing and are never split. */
export const PROPER_NAMES: readonly string[] = [
  'TensorFlow', 'TensorBoard', 'TensorRT', 'PyTorch', 'DeepSpeed', 'ScikitLearn', 'FastAI', 'OpenAI', 'DeepMind',
  'HuggingFace', 'JavaScript', 'TypeScript', 'GitHub', 'GitLab', 'PaddlePaddle', 'DeepLab', 'DeepSpeech', 'MindSpore',
  'TorchScript', 'TorchVision', 'TorchServe', 'CoreML', 'NumPy', 'SciPy', 'PyPI', 'MxNet', 'YouTube', 'WordPress',
  'LinkedIn', 'PostgreSQL', 'MySQL', 'MongoDB', 'NodeJS', 'WebGL', 'WebGPU', 'WebAssembly',
];
