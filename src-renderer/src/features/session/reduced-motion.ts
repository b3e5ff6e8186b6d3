import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('(prefers-reduced-motion: reduce)');

function subscribe(onChange: () => void): () => void {
  const list = query();
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/** The system asks for less motion: moving things move in fewer, plainer steps. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches);
}
