import type { StillroomApi } from '../../src-main/contract';

declare global {
  interface Window {
    /** What the preload (or the preview bridge) gives the page; tests call it through page.evaluate. */
    readonly stillroom: StillroomApi;
  }
}
