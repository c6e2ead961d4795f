/**
 * DOM helpers of the ratings and design views: starting a view's computation only when it is about to
 * be seen (the views sit below the market views, and a bootstrap nobody looks at would compete with
 * them for the CPU), and keeping a chart's data table open across re-renders.
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

/** Whether the data table of the figure `id` is open now (so that a re-render keeps it open). */
export function tableOpen(id: string): boolean {
  return document.querySelector<HTMLDetailsElement>(`#${id} details.chart-data`)?.open ?? false;
}
