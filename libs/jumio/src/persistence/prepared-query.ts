// Kept for existing imports; the engine differences live in database-engine.ts.
export { preparedQuery, type PreparedQuery } from './database-engine';
