import { inputBoundsExceeded, PRIVATE_BODY_BOUNDS } from './bounded-input';

describe('inputBoundsExceeded', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };

  it('accepts the flat bodies of the private routes', () => {
    expect(
      inputBoundsExceeded({ successUrl: 'https://x', errorUrl: 'https://y' }, PRIVATE_BODY_BOUNDS),
    ).toBeUndefined();
    expect(inputBoundsExceeded(undefined, PRIVATE_BODY_BOUNDS)).toBeUndefined();
  });

  it('refuses deep nesting without recursing (100,000 levels)', () => {
    expect(inputBoundsExceeded(nested(100_000), PRIVATE_BODY_BOUNDS)).toMatch(/nested deeper/);
    expect(inputBoundsExceeded([[[[[1]]]]], PRIVATE_BODY_BOUNDS)).toMatch(/nested deeper/);
  });

  it('refuses long arrays and objects with many keys', () => {
    expect(inputBoundsExceeded({ a: Array(33).fill(1) }, PRIVATE_BODY_BOUNDS)).toMatch(
      /array longer/,
    );
    const wide = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]));
    expect(inputBoundsExceeded(wide, PRIVATE_BODY_BOUNDS)).toMatch(/more than 32 fields/);
  });
});
