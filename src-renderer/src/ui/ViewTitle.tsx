import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigation } from '../app/navigation';

/** A view's heading. After a section change it takes keyboard focus, so keyboard and screen-reader users land in the new view. */
export function ViewTitle({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = useNavigation((store) => store.titleFocusPending);
  const titleFocused = useNavigation((store) => store.titleFocused);
  useEffect(() => {
    if (!pending) return;
    // A dialog opened while the view was still loading (the palette, right after Mod+3) keeps the focus.
    if (!document.activeElement?.closest('[role="dialog"]')) heading.current?.focus();
    titleFocused();
  }, [pending, titleFocused]);
  return (
    <h1 ref={heading} className="view-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
