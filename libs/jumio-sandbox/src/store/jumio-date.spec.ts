import { formatJumioDate, JumioDateFormatter } from './jumio-date';

describe('Jumio dates', () => {
  const date = new Date('2024-05-06T07:08:09.123Z');

  it('formats UTC with 3, 2, 1 or no millisecond digits', () => {
    expect(formatJumioDate(date, 3)).toBe('2024-05-06T07:08:09.123Z');
    expect(formatJumioDate(date, 2)).toBe('2024-05-06T07:08:09.12Z');
    expect(formatJumioDate(date, 1)).toBe('2024-05-06T07:08:09.1Z');
    expect(formatJumioDate(date, 0)).toBe('2024-05-06T07:08:09Z');
  });

  it('cycles through every form, deterministically', () => {
    const formatter = new JumioDateFormatter();
    const lengths = Array.from({ length: 8 }, () => formatter.format(date).length);
    expect(lengths).toEqual([24, 23, 22, 20, 24, 23, 22, 20]);
  });
});
