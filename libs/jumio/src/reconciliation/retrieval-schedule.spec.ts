import {
  DAILY_CHECK_SECONDS,
  DEFAULT_RETRIEVAL_SCHEDULE_SECONDS,
  nextCheckDelayMs,
  parseRetrievalSchedule,
} from './retrieval-schedule';

describe('retrieval schedule', () => {
  it('follows Jumio’s suggested delays, then checks daily', () => {
    const delays = Array.from({ length: 12 }, (_, done) =>
      nextCheckDelayMs(
        DEFAULT_RETRIEVAL_SCHEDULE_SECONDS.map((seconds) => seconds * 1000),
        done,
      ) / 1000,
    );
    expect(delays).toEqual([
      40,
      60,
      100,
      160,
      240,
      340,
      460,
      600,
      760,
      940,
      DAILY_CHECK_SECONDS,
      DAILY_CHECK_SECONDS,
    ]);
  });

  it.each<[string | number[], number[]]>([
    ['40,60,100', [40, 60, 100]],
    [' 0 , 5 ', [0, 5]],
    [
      [1, 2],
      [1, 2],
    ],
  ])('parses %p', (value, expected) => {
    expect(parseRetrievalSchedule(value)).toEqual(expected);
  });

  it.each<[string | number[]]>([[''], ['40,,60'], ['-1'], ['1.5'], ['ten'], ['86401'], [[]]])(
    'refuses %p',
    (value) => {
      expect(() => parseRetrievalSchedule(value)).toThrow(/retrieval schedule/);
    },
  );
});
