// Kept for existing imports; the engine differences live in database-engine.ts.
export { sqlDialect, type SqlDialect } from './database-engine';
