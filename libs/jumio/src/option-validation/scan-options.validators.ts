import { POA_DOCUMENT_TYPES } from '../common/jumio-codes';
import type { JumioModuleOptions } from '../options/jumio.options';
import type { ProofOfAddressRules } from '../options/proof-of-address-rules';
import type { ExtractedData } from '../options/extracted-data';
import {
  booleanProblem,
  functionProblem,
  numberProblem,
  listProblems,
  quoted,
} from '../options/option-checks';

/* How scans start and are decided: attempts, web links, workflow, POA rules, what users see, who they are. */

/** Every field of ExtractedData (the compiler keeps this list complete). */
const EXTRACTED_DATA_FIELDS: Record<keyof ExtractedData, true> = {
  firstName: true,
  lastName: true,
  fullName: true,
  dateOfBirth: true,
  documentNumber: true,
  documentType: true,
  documentSubtype: true,
  issuingCountry: true,
  nationality: true,
  expiryDate: true,
  issueDate: true,
  address: true,
};

export function scanLimitProblems(options: JumioModuleOptions): string[] {
  const checks: Array<[keyof JumioModuleOptions, { min: number; max: number }]> = [
    ['maxAttempts', { min: 1, max: 100 }],
    // Netverify v4 tokenLifetimeInMinutes (jumio-api.md §2).
    ['tokenLifetimeMinutes', { min: 5, max: 86_400 }],
    ['workflowId', { min: 1, max: 999_999 }],
  ];
  return checks.flatMap(([name, range]) => {
    if (options[name] === undefined) return [];
    const problem = numberProblem(name, options[name], range);
    return problem ? [problem] : [];
  });
}

export function userResolutionProblems(options: JumioModuleOptions): string[] {
  if (options.resolveUserId === undefined) return [];
  const problem = functionProblem('resolveUserId', options.resolveUserId);
  return problem ? [`${problem} (request) => string | undefined`] : [];
}

export function userVisibleFieldProblems(options: JumioModuleOptions): string[] {
  if (options.userVisibleExtractedFields === undefined) return [];
  const known = Object.keys(EXTRACTED_DATA_FIELDS);
  return listProblems('userVisibleExtractedFields', options.userVisibleExtractedFields, (field) =>
    typeof field === 'string' && known.includes(field)
      ? undefined
      : `${quoted([String(field)])} is not an extracted field (known: ${known.join(', ')})`,
  );
}

const POA_RULE_CHECKS: Record<keyof ProofOfAddressRules, (value: unknown) => string[]> = {
  acceptedDocumentTypes: (value) => {
    if (Array.isArray(value) && value.length === 0) {
      return ['poaRules.acceptedDocumentTypes must name at least one type'];
    }
    return listProblems('poaRules.acceptedDocumentTypes', value, (code) =>
      typeof code === 'string' &&
      (POA_DOCUMENT_TYPES as readonly string[]).includes(code.trim().toUpperCase())
        ? undefined
        : `${quoted([String(code)])} is not a Jumio DV document type (known: ${POA_DOCUMENT_TYPES.join(', ')})`,
    );
  },
  maxDocumentAgeDays: (value) => {
    if (value === null) return [];
    const problem = numberProblem('poaRules.maxDocumentAgeDays', value, { min: 1, max: 3650 });
    return problem ? [`${problem}, or null`] : [];
  },
  requireNameMatch: (value) => optional(booleanProblem('poaRules.requireNameMatch', value)),
  requireAddress: (value) => optional(booleanProblem('poaRules.requireAddress', value)),
};

export function poaRuleProblems(options: JumioModuleOptions): string[] {
  const rules = options.poaRules;
  if (rules === undefined) return [];
  if (typeof rules !== 'object' || rules === null) return ['poaRules must be an object'];
  return Object.entries(rules).flatMap(([key, value]) => {
    const check = POA_RULE_CHECKS[key as keyof ProofOfAddressRules] as
      ((value: unknown) => string[]) | undefined;
    if (!check) {
      return [
        `poaRules.${key} is not an option (known: ${Object.keys(POA_RULE_CHECKS).join(', ')})`,
      ];
    }
    return value === undefined ? [] : check(value);
  });
}

function optional(problem: string | undefined): string[] {
  return problem ? [problem] : [];
}
