import { PeriodicPass } from '../jobs/periodic-pass';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { failureSummary } from '../common/failure-summary';
import { JUMIO_SETTINGS, type DataProtectionSettings, type JumioSettings } from '../options/jumio-settings';
import { ErasureService } from './erasure.service';
import { PersonalDataPurger } from './personal-data.purger';

export interface RetentionRunReport {
  /** Results whose extracted data passed `personalDataDays`. */
  expiredResults: number;
  /** Results that arrived for an erased user after the erasure (backstop). */
  lateErasedResults: number;
  /** Raw callback payloads emptied (processed, or older than `rawCallbackHours`). */
  callbackPayloads: number;
  /** Erasure requests whose deletion at Jumio completed in this run. */
  erasuresCompleted: number;
}

/**
 * The data-protection background job: purges personal data past its retention period, empties raw
 * callbacks once processed, and retries erasures at Jumio. Every step is claimed row by row in the
 * database, so any number of instances can run it at the same time. One run at a time per instance.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private readonly settings: DataProtectionSettings;
  private readonly passes = new PeriodicPass<void>();

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly purger: PersonalDataPurger,
    private readonly erasure: ErasureService,
  ) {
    this.settings = settings.dataProtection;
  }

  onApplicationBootstrap(): void {
    this.passes.start(
      this.settings.retentionJobIntervalMs,
      () => this.runAndReport(),
      (error) => this.logger.error(`Data-protection job failed: ${failureSummary(error)}`),
    );
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** One full run; `now` lets tests move time forward. */
  async runOnce(now = new Date()): Promise<RetentionRunReport> {
    const expiredResults = await this.purger.purgeResults(
      { createdBefore: new Date(now.getTime() - this.settings.personalDataRetentionMs) },
      'RETENTION',
      'PERSONAL_DATA_PURGED',
    );
    const lateErasedResults = await this.purger.purgeResults(
      { erasedUsers: true },
      'ERASURE',
      'PERSONAL_DATA_ERASED',
    );
    const callbackPayloads = await this.purger.purgeCallbackPayloads({
      receivedBefore: new Date(now.getTime() - this.settings.rawCallbackRetentionMs),
    });
    const erasuresCompleted = await this.erasure.retryDue(now);
    return { expiredResults, lateErasedResults, callbackPayloads, erasuresCompleted };
  }

  private async runAndReport(): Promise<void> {
    const report = await this.runOnce();
    if (report.expiredResults || report.lateErasedResults || report.erasuresCompleted) {
      this.logger.log(
        `Purged ${report.expiredResults} expired and ${report.lateErasedResults} erased results; ` +
          `${report.erasuresCompleted} erasures completed at Jumio`,
      );
    }
  }
}
