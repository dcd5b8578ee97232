/**
 * Words that never match on their own: ordinary English, language keywords and the variable
 * names that fill every training script. A multi-word key may still contain them
 * ("loss function", "attention mask").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    // language keywords and builtins
    'and as assert async await break case catch class const continue def del elif else enum except export ' +
    'extends false finally for from function global if import in interface is lambda let new none nonlocal ' +
    'not null or pass print raise return self static super switch this throw true try type typeof undefined ' +
    'var void while with yield range len list dict set str int float bool tuple map filter zip open object ' +
    'args kwargs cls main init config cfg options opts params param util utils helper helpers ' +
    // everyday words in ML code that are not terms on their own
    'model models data train training test testing loss bias biases weight weights input inputs output outputs ' +
    'layer layers score scores value values step steps size rate state states action actions agent mask head ' +
    'heads key keys query queries token tokens sample samples fit predict transform linear dense ' +
    'network net run result results target targets batch batches label labels image images text item items ' +
    'file files path name names count index idx num number total mean sum max min sort shape dim dims ' +
    'forward backward call update apply load save read write get put log logger time start end stop ' +
    'device cuda cpu gpu x y z a i j k n t w b id ids module modules function functions method methods ' +
    'pipeline scheduler callback callbacks metric metrics error errors eval'
  ).split(/\s+/),
);

/** True for a key that is a single stopword and so must not be indexed. */
export function isStopKey(normTokens: readonly string[]): boolean {
  return normTokens.length === 1 && STOPWORDS.has(normTokens[0]);
}
