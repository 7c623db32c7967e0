import { daysBetween, parseJumioDate } from './jumio-date';

describe('parseJumioDate', () => {
  it.each<[string, string | undefined]>([
    ['2025-03-14', '2025-03-14T00:00:00.000Z'],
    ['2025-03-14T10:20:30.5Z', '2025-03-14T00:00:00.000Z'],
    ['2025-03-14T10:20:30Z', '2025-03-14T00:00:00.000Z'],
    ['2025-03-14T10:20:30.123+01:00', '2025-03-14T00:00:00.000Z'],
    ['03/25', '2025-03-01T00:00:00.000Z'],
    ['2025-02-30', undefined],
    ['13/25', undefined],
    ['14.03.2025', undefined],
    ['yesterday', undefined],
  ])('%s', (text, expected) => {
    expect(parseJumioDate(text)?.toISOString()).toBe(expected);
  });

  it('counts whole days', () => {
    expect(daysBetween(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-31T23:00:00Z'))).toBe(
      30,
    );
    expect(daysBetween(new Date('2025-01-02T00:00:00Z'), new Date('2025-01-01T00:00:00Z'))).toBe(
      -1,
    );
  });
});
