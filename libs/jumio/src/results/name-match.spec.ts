import { namesMatch, type PersonName } from './name-match';

const john: PersonName = { firstName: 'John Albert', lastName: 'Smith' };
const jose: PersonName = { firstName: 'José', lastName: 'García Márquez' };

describe('namesMatch', () => {
  it.each<[string, string, PersonName, boolean]>([
    ['same name', 'John Smith', john, true],
    ['case and title', 'MR JOHN SMITH', john, true],
    ['surname first, comma', 'Smith, John', john, true],
    ['middle name on the document', 'John Albert Smith', john, true],
    ['middle initial', 'John A. Smith', john, true],
    ['accents stripped both ways', 'Jose GARCIA MARQUEZ', jose, true],
    [
      'accents on the document only',
      'José García Márquez',
      { firstName: 'Jose', lastName: 'Garcia Marquez' },
      true,
    ],
    [
      'hyphenated surname',
      'Anna Müller-Lüdenscheidt',
      { firstName: 'Anna', lastName: 'Muller Ludenscheidt' },
      true,
    ],
    ['ß written as ss', 'Hans Strauss', { firstName: 'Hans', lastName: 'Strauß' }, true],
    [
      'surname with or without space',
      'Ronald Mc Donald',
      { firstName: 'Ronald', lastName: 'McDonald' },
      true,
    ],
    ['full name only on the ID', 'Smith John', { fullName: 'John Albert Smith' }, true],
    ['other first name', 'Jane Smith', john, false],
    ['other surname', 'John Smyth', john, false],
    ['one of two surnames missing', 'José García', jose, false],
    ['first initial only', 'J. Smith', john, false],
    ['middle name used as first name', 'Albert Smith', john, false],
    ['empty document name', '  ', john, false],
    ['ID without a usable name', 'John Smith', { firstName: 'John' }, false],
  ])('%s: "%s"', (_case, documentName, person, expected) => {
    expect(namesMatch(documentName, person)).toBe(expected);
  });
});
