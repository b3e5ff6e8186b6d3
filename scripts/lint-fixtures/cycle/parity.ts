// Fixture for lint-layers.test.ts: the other half of the cycle.
import { isEven } from './even';

export const parity = { isOdd: (n: number): boolean => (n === 0 ? false : isEven(n - 1)) };
