/** How big a request value may be before anything walks it recursively (validation, transformation). */
export interface InputBounds {
  /** Nesting of objects and arrays; the module's bodies are flat (depth 1). */
  maxDepth: number;
  maxArrayLength: number;
  maxKeys: number;
}

export const PRIVATE_BODY_BOUNDS: InputBounds = { maxDepth: 4, maxArrayLength: 32, maxKeys: 32 };

/**
 * What makes `value` exceed `bounds`, or undefined when it fits. Iterative and stops at the first
 * excess, so a body nested 100,000 deep costs a few steps, never the call stack.
 */
export function inputBoundsExceeded(value: unknown, bounds: InputBounds): string | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= bounds.maxDepth) return `is nested deeper than ${bounds.maxDepth} levels`;
    const children = Array.isArray(current) ? current : Object.values(current);
    if (Array.isArray(current) && current.length > bounds.maxArrayLength) {
      return `has an array longer than ${bounds.maxArrayLength} items`;
    }
    if (!Array.isArray(current) && children.length > bounds.maxKeys) {
      return `has an object with more than ${bounds.maxKeys} fields`;
    }
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}
