import type { Review } from './language';
import type { Evaluation } from './types';

/** Mean softmax cross-entropy and top-1 accuracy of row-major logits. */
export function crossEntropyAndAccuracy(logits: ArrayLike<number>, targets: ArrayLike<number>, classes: number): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < targets.length; r++) {
    const o = r * classes;
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        arg = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c] - max);
    loss += Math.log(sum) + max - logits[o + targets[r]];
    if (arg === targets[r]) correct++;
  }
  return { loss: loss / targets.length, accuracy: correct / targets.length };
}

/** Accuracy overall and by coverage, from the two logits of every test review. */
export function evaluate(test: readonly Review[], logits: ArrayLike<number>): Evaluation {
  const hit = { seen: 0, mixed: 0, heldout: 0 };
  const count = { seen: 0, mixed: 0, heldout: 0 };
  let correct = 0;
  test.forEach((r, i) => {
    const predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
    count[r.coverage]++;
    if (predicted === r.label) {
      correct++;
      hit[r.coverage]++;
    }
  });
  const ratio = (k: keyof typeof hit): number => (count[k] ? hit[k] / count[k] : 0);
  return { accuracy: correct / test.length, seen: ratio('seen'), mixed: ratio('mixed'), heldout: ratio('heldout') };
}
