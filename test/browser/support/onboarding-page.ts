import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export type Step = 'poi' | 'poa';
/** The page's one-word step states (`data-state` on the status box). */
export type StepState =
  'not-started' | 'in-progress' | 'waiting' | 'review' | 'approved' | 'rejected' | 'retry';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');
const WAIT_MS = 15_000;

/** The demo onboarding page at `/` and the sandbox's capture page, as a person uses them. */
export class OnboardingPage {
  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly demoUrl: string,
  ) {}

  /**
   * A fresh browser profile (empty localStorage) on the demo page, with `user` chosen in the form. The
   * page is then reloaded so that everything on it is this user's, not the generated first user's.
   */
  static async open(browser: Browser, demoUrl: string, user: string): Promise<OnboardingPage> {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const onboarding = new OnboardingPage(context, page, demoUrl);
    await page.goto(`${demoUrl}/`);
    await onboarding.waitForRendered();
    await page.fill('[data-testid="user-id"]', user);
    await page.click('[data-testid="user-save"]');
    await page.reload();
    await onboarding.waitForRendered();
    return onboarding;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  async waitForState(step: Step, state: StepState): Promise<void> {
    await this.page.waitForSelector(`[data-testid="${step}-status"][data-state="${state}"]`);
  }

  /** Both steps show a server answer. */
  async waitForRendered(): Promise<void> {
    await this.page.waitForSelector('[data-testid="poi-status"][data-state]');
    await this.page.waitForSelector('[data-testid="poa-status"][data-state]');
  }

  async state(step: Step): Promise<string | null> {
    return this.page.getAttribute(`[data-testid="${step}-status"]`, 'data-state');
  }

  async text(testId: string): Promise<string> {
    return (await this.page.textContent(`[data-testid="${testId}"]`))?.trim() ?? '';
  }

  async isVisible(testId: string): Promise<boolean> {
    return this.page.isVisible(`[data-testid="${testId}"]`);
  }

  /** Starts the web POI flow and lands on the sandbox's Netverify capture page. */
  async startPoi(): Promise<void> {
    await this.page.click('[data-testid="poi-start"]');
    await this.page.waitForURL('**/web/v4/app?**');
  }

  /** Starts the web POA flow and lands on the sandbox's Document Verification upload page. */
  async startPoa(documentType: string, country: string): Promise<void> {
    await this.page.selectOption('[data-testid="poa-document-type"]', documentType);
    await this.page.fill('[data-testid="poa-country"]', country);
    await this.page.click('[data-testid="poa-start"]');
    await this.page.waitForURL('**/api/netverify/v2/acquisitions?**');
  }

  /** On the capture page: picks the outcome Jumio will report, submits, and follows the redirect home. */
  async capture(outcome: string): Promise<void> {
    await this.page.check(`input[name="outcome"][value="${outcome}"]`);
    await this.clickAndReturn('[data-testid="submit"]');
  }

  /** Step 1 on the web with an approving outcome: proof of address needs an approved identity first. */
  async approvePoi(): Promise<void> {
    await this.startPoi();
    await this.capture('APPROVED_VERIFIED');
    await this.waitForState('poi', 'approved');
  }

  /** On the capture page: gives up, which sends the person to errorUrl. */
  async cancelCapture(): Promise<void> {
    await this.clickAndReturn('[data-testid="cancel"]');
  }

  /** Where the browser is now, without origin. */
  location(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  private async clickAndReturn(selector: string): Promise<void> {
    await this.page.click(selector);
    await this.page.waitForURL((url) => url.href.startsWith(`${this.demoUrl}/`));
    await this.page.waitForLoadState('load');
  }
}
