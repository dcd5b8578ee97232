/** Masked words per review per pre-training epoch. */
export const MASKS_PER_REVIEW = 2;
/** Pre-training batch size: large, because per-op overhead dominates at this model size. */
export const PRETRAIN_BATCH = 256;
/** Classifier batch size. */
export const CLASSIFIER_BATCH = 16;
/** Masked words of held-out reviews scored after every pre-training epoch. */
export const VALIDATION_SAMPLES = 1024;
/** Standard deviation of the initial weights. */
export const INIT_SCALE = 0.1;
/**
 * When fine-tuning everything, the pre-trained encoder learns this much slower than the new head
 * (discriminative learning rates): a full-size step would drag the labelled synonyms away from the
 * held-out ones they were learnt next to. A scratch model has nothing to protect and uses 1.
 */
export const FINETUNE_ENCODER_LR_SCALE = 0.1;
/** Adam's hyper-parameters. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** Adam's bias-corrected step size at step t (1-based), as in the original paper. */
export function adamRate(lr: number, t: number): number {
  return (lr * Math.sqrt(1 - ADAM.beta2 ** t)) / (1 - ADAM.beta1 ** t);
}
