/**
 * The pre-training lab's platform-neutral logic: the synthetic language, the models, their training
 * loops, the metrics and the embedding maps. Runs in the webview and in Node alike.
 */
export * from './types';
export * from './config';
export * from './rng';
export * from './language';
export * from './features';
export * from './metrics';
export * from './convergence';
export * from './train';
export * from './reference';
export * from './embeddings';
export * from './experiment';
export * from './claims';
export * from './report';
