import type { KyxAccount, KyxWorkflowExecution } from './kyx.types';

/** In-memory KYX accounts and workflow executions, by id and by web / SDK token. */
export class KyxStore {
  private readonly accounts = new Map<string, KyxAccount>();
  private readonly executions = new Map<string, KyxWorkflowExecution>();
  private readonly executionByToken = new Map<string, string>();

  addAccount(account: KyxAccount): KyxAccount {
    this.accounts.set(account.id, account);
    return account;
  }

  addExecution(execution: KyxWorkflowExecution): KyxWorkflowExecution {
    this.executions.set(execution.id, execution);
    this.executionByToken.set(execution.webToken, execution.id);
    this.executionByToken.set(execution.sdkToken, execution.id);
    this.accounts.get(execution.accountId)?.executionIds.push(execution.id);
    return execution;
  }

  account(id: string): KyxAccount | undefined {
    return this.accounts.get(id);
  }

  /** An account the API still knows (not deleted). */
  liveAccount(id: string): KyxAccount | undefined {
    const account = this.accounts.get(id);
    return account && !account.deletedAt ? account : undefined;
  }

  execution(id: string): KyxWorkflowExecution | undefined {
    return this.executions.get(id);
  }

  /** A workflow execution of a live account that is itself not deleted. */
  liveExecution(accountId: string, executionId: string): KyxWorkflowExecution | undefined {
    const execution = this.executions.get(executionId);
    if (!execution || execution.accountId !== accountId || execution.deletedAt) return undefined;
    return this.liveAccount(accountId) ? execution : undefined;
  }

  executionByTokenOf(token: string): KyxWorkflowExecution | undefined {
    const id = this.executionByToken.get(token);
    return id === undefined ? undefined : this.executions.get(id);
  }

  allExecutions(): KyxWorkflowExecution[] {
    return [...this.executions.values()];
  }

  allAccounts(): KyxAccount[] {
    return [...this.accounts.values()];
  }
}
