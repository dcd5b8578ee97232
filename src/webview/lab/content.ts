import * as l10n from '@vscode/l10n';

/**
 * The notebook's explanations, in Markdown (rendered with html disabled). `[text](term:id)` links
 * open the glossary entry `id`. Each is a function, translated when called.
 */

export const intro = (): string => l10n.t(`# Pre-training lab

Every machine-learning text makes three claims about [pre-training](term:pre-training): it **reduces the labelled data** you need, it **speeds up convergence**, and it gives **better final performance**. This notebook measures all three, on your machine, in a few seconds, with models small enough to read in full.

The task is to tell positive product reviews from negative ones in a tiny made-up language. The catch: the few labelled reviews use only *some* sentiment words, while the test reviews also use their synonyms. A model [trained from scratch](term:training-from-scratch) has never seen those synonyms. A pre-trained model has, in unlabelled text.

Press **Run all**, or run the steps one at a time. Each step's parameters can be edited in place. Editing one marks the steps that depend on it as *stale*. Running a step first runs whatever it needs.`);

export const data = (): string => l10n.t(`## 1. Generate the data

A seeded grammar writes short product reviews from a vocabulary of about 180 words. Sentiment words come in eight groups of six synonyms, such as *great, excellent, superb…* or *flimsy, fragile, shoddy…*. Synonyms fill the same slots in the same templates, so they share contexts, and a review never mixes positive and negative words.

- **Unlabelled corpus:** 3,000 reviews. Pre-training reads this text; its labels are thrown away.
- **Labelled pool:** reviews that use only **2 of the 6** synonyms in each group. Once this step has run, its table of groups lists those two in bold. Your label budget takes the first *N*.
- **Test set:** 1,000 held-out reviews that use all six synonyms.`);

export const pretrain = (): string => l10n.t(`## 2. Pre-train: guess the hidden word

[Self-supervised learning](term:self-supervised-learning) makes its own labels. Here, it hides one word of an unlabelled review and asks the model to predict that word from the others. This is the bag-of-words form of [masked language modelling](term:masked-language-modeling). The model is the smallest one that can do this: an [embedding](term:embedding) vector per word, the mean of the context's embeddings, and a softmax over the whole vocabulary.

To predict well, the model must give similar embeddings to words that occur in similar contexts. *superb* keeps company with the same words as *great*, so the two end up close together, without a single label. Each [epoch](term:epoch) hides two random words in every review.`);

export const embeddings = (): string => l10n.t(`## 3. Look inside the embeddings

These maps project the 48 sentiment words' embeddings to two dimensions with [principal component analysis](term:principal-component-analysis). **Before** shows the random starting point, which is also where the scratch model starts. **After** shows the same words once pre-training has finished. Filled markers are synonyms that appear in labelled reviews. Hollow markers are held out: only the unlabelled corpus and the test set use them. Circles are positive words; squares are negative. By default the maps show the principal component that best separates positive from negative words, against the first one.`);

export const finetune = (): string => l10n.t(`## 4. Fine-tune on a handful of labels

[Fine-tuning](term:fine-tuning) keeps the pre-trained encoder and adds a new classification head: a weight per embedding dimension and class, then a softmax over *negative* and *positive*. **Freeze** trains only the head, so every word keeps the place pre-training gave it. **Fine-tune all** also updates the embeddings, at a tenth of the head's [learning rate](term:learning-rate), so the labelled synonyms do not drift away from their held-out twins.`);

export const scratch = (): string => l10n.t(`## 5. Train the same model from scratch

This is the baseline: the identical architecture, trained on the same labelled reviews, in the same order, for the same epochs, at the same learning rate. It starts from the random embeddings that pre-training started from. All it knows about words comes from those few labels. Watch its training loss fall to almost zero while its test accuracy stalls: it memorises its few labelled reviews, and that teaches it nothing about words it never saw.`);

export const compare = (): string => l10n.t(`## 6. Compare

The three claims, measured, and stated only as far as this run supports them: a card says *Yes*, *Only just* or *Not this time*. [Accuracy](term:accuracy) is measured on the 1,000 test reviews. *Held-out synonyms* are test reviews whose sentiment words never appear in the labelled data.`);

export const sweep = (): string => l10n.t(`## 7. How many labels does each model need?

Both models are trained at 4, 8, 16, 32, 64 and 128 labels, with the epochs, learning rate and mode from step 4. Each budget is averaged over several random draws of the labelled reviews; the band shows the lowest and highest draw.`);

export const outro = (): string => l10n.t(`## What just happened

- Pre-training never saw a label. It learnt that synonyms are interchangeable because they keep the same company, so *superb* landed next to *great*.
- The classifier only had to learn a direction in that space from a few examples. Held-out synonyms already lay on the correct side of it.
- This is [transfer learning](term:transfer-learning): knowledge from a cheap, plentiful task carries over to a scarce, expensive one. Scaled up, the same idea gives [few-shot learning](term:few-shot-learning).

Things to try: raise the label budget to 128 and watch the scratch model master the labelled synonyms while staying near chance on held-out ones. Cut pre-training to 2 epochs and watch the maps and the gains shrink. Switch to *fine-tune all* with a high learning rate. The language is tiny and regular, so the gains here are larger than on real text, but the mechanism is the same.`);
