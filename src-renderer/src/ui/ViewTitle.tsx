import type { ReactNode } from 'react';

/** A view's heading; focusable by script so a section change moves keyboard focus into the new view. */
export function ViewTitle({ children }: { children: ReactNode }) {
  return (
    <h1 className="view-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
