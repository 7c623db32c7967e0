/**
 * The fictitious person every sandbox scan "extracts". Upper case, as Jumio returns Latin-script names.
 * Nothing here belongs to a real person.
 */
export const SANDBOX_PERSONA = {
  firstName: 'JANE',
  lastName: 'SANDBOX',
  dateOfBirth: '1990-04-12',
  idExpiry: '2032-06-30',
} as const;

/** Netverify `idAddress` / retrieval `document.address`, RAW format (jumio-api.md §5.4). */
export interface RawAddress {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  formattedAddress: string;
}

export function sandboxAddress(country: string): RawAddress {
  const line1 = 'SANDBOX STREET 1';
  const city = 'SANDBOX CITY';
  const postalCode = '1010';
  return {
    line1,
    city,
    postalCode,
    country,
    formattedAddress: `${line1}, ${postalCode} ${city}, ${country}`,
  };
}

/** A document number derived from the reference, so two scans never share one. */
export function sandboxDocumentNumber(reference: string): string {
  return `SBX${reference.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
