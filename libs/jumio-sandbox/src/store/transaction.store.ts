import type { SandboxTransaction } from './transaction.types';

/** In-memory transactions, by Jumio reference and by web token. */
export class TransactionStore {
  private readonly byReference = new Map<string, SandboxTransaction>();
  private readonly referenceByToken = new Map<string, string>();
  private created = 0;

  add<T extends SandboxTransaction>(transaction: T): T {
    this.byReference.set(transaction.reference, transaction);
    if (transaction.token) this.referenceByToken.set(transaction.token, transaction.reference);
    return transaction;
  }

  /** A counter that gives each new transaction its deterministic shape variant. */
  nextVariant(): number {
    return this.created++;
  }

  get(reference: string): SandboxTransaction | undefined {
    return this.byReference.get(reference);
  }

  /** A transaction that the Retrieval and Delete APIs still know (not deleted). */
  getLive(reference: string): SandboxTransaction | undefined {
    const transaction = this.byReference.get(reference);
    return transaction && !transaction.deletedAt ? transaction : undefined;
  }

  getByToken(token: string): SandboxTransaction | undefined {
    const reference = this.referenceByToken.get(token);
    return reference === undefined ? undefined : this.byReference.get(reference);
  }

  all(): SandboxTransaction[] {
    return [...this.byReference.values()];
  }
}
