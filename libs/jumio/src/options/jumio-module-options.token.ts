/**
 * Injection token of the validated module options. It lives apart from `jumio.module-definition.ts` (which
 * validates options and so reaches every folder) so any folder can inject the options without an import cycle.
 */
export const JUMIO_MODULE_OPTIONS = 'JUMIO_MODULE_OPTIONS';
