import type { ExtractedAddress, ExtractedData } from '../../options/extracted-data';
import type { FieldReader } from './jumio-fields.reader';

/** Netverify names of the extracted fields: callback (§5.4) and retrieval `document` (§6) differ. */
interface NetverifyFieldNames {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  documentNumber: string;
  expiryDate: string;
  documentType: string;
  issuingCountry: string;
  address: string;
}

export const NETVERIFY_CALLBACK_FIELDS: NetverifyFieldNames = {
  firstName: 'idFirstName',
  lastName: 'idLastName',
  dateOfBirth: 'idDob',
  documentNumber: 'idNumber',
  expiryDate: 'idExpiry',
  documentType: 'idType',
  issuingCountry: 'idCountry',
  address: 'idAddress',
};

export const NETVERIFY_RETRIEVAL_FIELDS: NetverifyFieldNames = {
  firstName: 'firstName',
  lastName: 'lastName',
  dateOfBirth: 'dob',
  documentNumber: 'number',
  expiryDate: 'expiry',
  documentType: 'type',
  issuingCountry: 'issuingCountry',
  address: 'address',
};

export function netverifyExtractedData(
  source: FieldReader | undefined,
  names: NetverifyFieldNames,
): ExtractedData | null {
  if (!source) return null;
  return compact<ExtractedData>({
    firstName: source.dataString(names.firstName),
    lastName: source.dataString(names.lastName),
    dateOfBirth: source.dataString(names.dateOfBirth),
    documentNumber: source.dataString(names.documentNumber),
    expiryDate: source.dataString(names.expiryDate),
    documentType: source.dataString(names.documentType),
    documentSubtype: source.dataString('idSubtype'),
    issuingCountry: source.dataString(names.issuingCountry),
    nationality: source.dataString('nationality'),
    issueDate: source.dataString('issuingDate'),
    address: addressFrom(source.optionalObject(names.address)),
  });
}

/**
 * DV `document`: extracted data lives in `extractedData`. The retrieval answer nests a second, JSON-encoded
 * `extractedData` with the flat address and dates (jumio-api.md §6); both shapes are read, outer fields first.
 * Account numbers, card numbers and SSNs are deliberately not carried: proof of address does not need them.
 */
export function documentExtractedData(document: FieldReader | undefined): ExtractedData | null {
  if (!document) return null;
  const outer = document.optionalObject('extractedData');
  const inner = outer?.optionalObject('extractedData');
  const pick = (field: string) => outer?.dataString(field) ?? inner?.dataString(field);

  const type = document.dataString('type');
  const firstName = pick('firstName');
  const lastName = pick('lastName');
  // §6: `firstName` holds the full name for every type but SSC, which has real first and last names.
  const isSocialSecurityCard = type === 'SSC';
  const fullName =
    pick('name') ?? (isSocialSecurityCard ? joined([firstName, lastName], ' ') : firstName);

  return compact<ExtractedData>({
    firstName: isSocialSecurityCard ? firstName : undefined,
    lastName: isSocialSecurityCard ? lastName : undefined,
    fullName,
    documentType: type,
    issuingCountry: document.dataString('country'),
    issueDate: pick('issueDate'),
    expiryDate: pick('expiryDate'),
    address: mergeAddresses(addressFrom(outer?.optionalObject('address')), addressFrom(inner)),
  });
}

/** NV RAW (`country`) and DV (`countryCode`) addresses; lines 3 to 5 share `line3`. */
function addressFrom(source: FieldReader | undefined): ExtractedAddress | undefined {
  if (!source) return undefined;
  return (
    compact<ExtractedAddress>({
      line1: source.dataString('line1'),
      line2: source.dataString('line2'),
      line3: joined(
        ['line3', 'line4', 'line5'].map((line) => source.dataString(line)),
        ', ',
      ),
      city: source.dataString('city'),
      postalCode: source.dataString('postalCode'),
      subdivision: source.dataString('subdivision'),
      country: source.dataString('country') ?? source.dataString('countryCode'),
      formatted: source.dataString('formattedAddress'),
    }) ?? undefined
  );
}

function mergeAddresses(
  primary: ExtractedAddress | undefined,
  fallback: ExtractedAddress | undefined,
): ExtractedAddress | undefined {
  if (!primary || !fallback) return primary ?? fallback;
  return { ...fallback, ...primary };
}

function joined(parts: (string | undefined)[], separator: string): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length > 0 ? present.join(separator) : undefined;
}

/** Drops absent fields; null when nothing is left. */
function compact<T extends object>(value: T): T | null {
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : null;
}
