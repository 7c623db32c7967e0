import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }],
    [{ message: 'x', driverError: { code: '57P01' } }],
    [{ driverError: { code: '08006' } }],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }],
    [new Error('timeout exceeded when trying to connect')],
    [new Error('Connection terminated unexpectedly')],
    [{ driverError: { code: 'SQLITE_BUSY', message: 'database is locked' } }],
    [{ cause: { code: 'SQLITE_IOERR_READ' } }],
  ])('%j: unavailable', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [new RangeError('Maximum call stack size exceeded')],
    [{ driverError: { code: '23505' } }],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    [undefined],
    ['text'],
  ])('%j: a bug or a conflict, not an outage', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
