// The call chain the throwers go through: outer maps each value through
// middle, which calls inner, which throws. The tests find the lines by
// the comments at their ends.

export function inner(value: number): number {
  if (value > 0) throw new Error(`boom ${value}`); // inner throws
  return value;
}

export function middle(value: number): number {
  return inner(value) * 2; // middle calls inner
}

export const outer = (values: readonly number[]): number[] => values.map((value) => middle(value)); // outer maps
