import type { Category } from './types';

/** The glossary's categories, in the order the sidebar shows them. */
export const CATEGORIES: readonly Category[] = [
  { id: 'fundamentals', title: 'AI fundamentals' },
  { id: 'data', title: 'Data and datasets' },
  { id: 'training', title: 'Training and optimization' },
  { id: 'building-blocks', title: 'Neural network building blocks' },
  { id: 'architectures', title: 'Architectures' },
  { id: 'nlp', title: 'NLP and language models' },
  { id: 'vision', title: 'Computer vision' },
  { id: 'generative', title: 'Generative AI' },
  { id: 'evaluation', title: 'Evaluation and metrics' },
  { id: 'rl', title: 'Reinforcement learning' },
  { id: 'classical', title: 'Classical machine learning' },
  { id: 'responsible-ai', title: 'Responsible AI, safety and security' },
  { id: 'mlops', title: 'MLOps and deployment' },
];

/** The category of a workspace glossary's entries that declare none. */
export const WORKSPACE_CATEGORY: Category = { id: 'workspace', title: 'Workspace' };
