/** JumioModule refused its options: `problems` lists every bad option, one sentence each. */
export class JumioOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `JumioModule options are invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'JumioOptionsError';
  }
}
