import { Injectable } from '@nestjs/common';
import { CallbackConfirmation } from './callback/callback-confirmation.service';
import { JumioJobScheduler } from './jobs/job-scheduler';

/**
 * Puts the callback inbox worker's jobs on the one scheduler. Done at the module's root so that a
 * callback's walk to a decision does not pass through `jobs/` (docs/architecture.md, "Two walks"): the
 * scheduler calls the worker, the worker does not call the scheduler.
 */
@Injectable()
export class CallbackInboxJobs {
  constructor(scheduler: JumioJobScheduler, confirmation: CallbackConfirmation) {
    for (const job of confirmation.jobs()) scheduler.register(job);
  }
}
