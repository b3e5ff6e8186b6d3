// Fixture for lint-layers.test.ts: imports a module that does not import it back (lint must allow it).
import { half } from './half';

export const quarter = (n: number): number => half(half(n));
