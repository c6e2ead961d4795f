/**
 * Starting a view's computation only when it is about to be seen: the ratings and design views sit
 * below the market views, and a bootstrap nobody looks at would compete with them for the CPU.
 */

/** Calls `start` once, when `root` comes within a screen of the viewport (at once without an observer). */
export function whenVisible(root: HTMLElement, start: () => void): void {
  if (typeof IntersectionObserver === "undefined") {
    start();
    return;
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      start();
    },
    { rootMargin: "100% 0px" },
  );
  io.observe(root);
}
