// Kept for existing imports; the engine differences live in database-engine.ts.
export { runInTransaction } from './database-engine';
