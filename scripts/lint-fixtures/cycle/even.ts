// Fixture for lint-layers.test.ts: half of an import cycle (lint must refuse it).
import { parity } from './parity';

export const isEven = (n: number): boolean => (n === 0 ? true : parity.isOdd(n - 1));
