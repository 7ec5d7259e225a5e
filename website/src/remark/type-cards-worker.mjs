// The worker thread that computes the snippets' type cards (type-cards.mts, loaded through tsx).
import { register } from 'tsx/esm/api';

register();
const { serveTypeCards } = await import('./type-cards.mts');
serveTypeCards();
