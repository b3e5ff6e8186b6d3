// Fixture for lint-layers.test.ts: imports nothing.
export const half = (n: number): number => n / 2;
