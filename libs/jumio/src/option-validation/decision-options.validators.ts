import type { JumioModuleOptions } from '../options/jumio.options';
import { DECISION_POLICY_CHOICES } from '../transaction/decision-policy';

/** The configurable rows of the decision table (docs/decisions.md): each one of its allowed decisions. */
export function decisionPolicyProblems(options: JumioModuleOptions): string[] {
  const policy: unknown = options.decisionPolicy;
  if (policy === undefined) return [];
  if (typeof policy !== 'object' || policy === null) return ['decisionPolicy must be an object'];
  return Object.entries(policy).flatMap(([key, value]) => {
    const allowed = DECISION_POLICY_CHOICES[key as keyof typeof DECISION_POLICY_CHOICES];
    if (!allowed) {
      return [
        `decisionPolicy.${key} is not an option (known: ${Object.keys(DECISION_POLICY_CHOICES).join(', ')})`,
      ];
    }
    if (value === undefined || allowed.includes(value as string)) return [];
    return [`decisionPolicy.${key} must be one of ${allowed.join(', ')}`];
  });
}

/** The review queue: four-eyes switch and the reviewer's resolver. */
export function manualReviewProblems(options: JumioModuleOptions): string[] {
  const problems: string[] = [];
  const review: unknown = options.manualReview;
  if (review !== undefined) {
    if (typeof review !== 'object' || review === null) {
      problems.push('manualReview must be an object ({ fourEyes })');
    } else {
      for (const [key, value] of Object.entries(review)) {
        if (key !== 'fourEyes')
          problems.push(`manualReview.${key} is not an option (known: fourEyes)`);
        else if (value !== undefined && typeof value !== 'boolean') {
          problems.push('manualReview.fourEyes must be true or false');
        }
      }
    }
  }
  const resolver: unknown = options.resolveReviewerId;
  if (resolver !== undefined && typeof resolver !== 'function') {
    problems.push('resolveReviewerId must be a function (request) => reviewer id');
  }
  return problems;
}
