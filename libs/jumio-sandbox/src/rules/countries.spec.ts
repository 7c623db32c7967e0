import { isJumioCountry, JUMIO_COUNTRIES } from './countries';

describe('Jumio country list', () => {
  it('holds the 249 ISO 3166-1 alpha-3 codes plus XKX', () => {
    expect(JUMIO_COUNTRIES.size).toBe(250);
    expect(isJumioCountry('XKX')).toBe(true);
    for (const code of ['AUT', 'DEU', 'USA', 'GBR', 'SSD', 'BES', 'ALA'])
      expect(isJumioCountry(code)).toBe(true);
  });

  it('rejects alpha-2, lower case and withdrawn codes', () => {
    for (const code of ['AT', 'aut', 'ANT', 'YUG', 'SCG', 'EUR'])
      expect(isJumioCountry(code)).toBe(false);
  });
});
