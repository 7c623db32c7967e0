/**
 * A Jumio callback (or retrieval answer) that lacks a field or carries a malformed one. The message names
 * the field and the problem, never the value: callbacks carry personal data.
 */
export class CallbackParseError extends Error {
  constructor(
    /** Dotted path of the field, e.g. `document.extractedData`. */
    readonly field: string,
    /** What is wrong, e.g. `is missing`, `is not valid JSON`. */
    readonly problem: string,
  ) {
    super(`Jumio callback field "${field}" ${problem}`);
    this.name = 'CallbackParseError';
  }
}
