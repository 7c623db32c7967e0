/** A person's name as a proof of identity gives it: first and last name, or only the full name. */
export interface PersonName {
  firstName?: string;
  lastName?: string;
  fullName?: string;
}

/** Letters that Unicode decomposition does not turn into a base letter plus accents. */
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Titles printed on letters and bills that are not part of the name. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'herr', 'frau', 'mme', 'mlle']);

/**
 * Whether the name printed on a document is the identified person's. Tolerant of what legitimately
 * differs between an ID and a bill: case, accents, word order, titles, punctuation, and middle names
 * (present on one side only, or shortened to an initial). Strict on what identifies the person: every
 * part of the surname and the first given name must appear. With only a full name on the ID, its first
 * and last words must appear.
 */
export function namesMatch(documentName: string, person: PersonName): boolean {
  const onDocument = nameTokens(documentName);
  if (onDocument.length === 0) return false;
  const found = new Set(onDocument);
  // Surnames written with or without a space ("Mc Donald", "McDonald") compare on the joined form too.
  for (let index = 0; index + 1 < onDocument.length; index += 1) {
    found.add(onDocument[index] + onDocument[index + 1]);
  }

  const given = nameTokens(person.firstName ?? '');
  const surname = nameTokens(person.lastName ?? '');
  if (given.length > 0 && surname.length > 0) {
    const surnameFound = surname.every((part) => found.has(part)) || found.has(surname.join(''));
    return surnameFound && found.has(given[0]);
  }
  const full = nameTokens(person.fullName ?? '');
  if (full.length < 2) return false;
  return found.has(full[0]) && found.has(full[full.length - 1]);
}

/** Lower-case words without accents, punctuation or titles. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !HONORIFICS.has(word));
}
