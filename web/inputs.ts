/**
 * The explorer's inputs: the selection rule and its noise slider, the task weights, the producers'
 * qualities and strategy spaces, the entrant, and the page's buttons. Every change goes through
 * `tryValidate` and then `changed` (`run.ts`).
 */
import { type Market, parseSpaceSpec } from "modelmarket";
import { esc } from "./charts.js";
import { TABLE_INFO } from "./legends.js";
import { $, debug, page, showError, tryValidate } from "./page.js";
import { changed } from "./run.js";
import { clean, type EntrantControls, NOISE, noiseOf, setWeight, spaceSpec, withNoise } from "./state.js";
import { headerCell, sortable } from "./table.js";
import { renderCharts, renderLegend } from "./views.js";

function noiseToSlider(rule: keyof typeof NOISE, x: number): number {
  const n = NOISE[rule];
  return Math.round((1000 * Math.log(x / n.lo)) / Math.log(n.hi / n.lo));
}

function sliderToNoise(rule: keyof typeof NOISE, p: number): number {
  const n = NOISE[rule];
  // three significant digits: values that read (and go into the CLI command) cleanly
  return Number((n.lo * (n.hi / n.lo) ** (p / 1000)).toPrecision(3));
}

function syncSelectionInputs(): void {
  const sel = page.state.market.selection;
  $<HTMLSelectElement>("rule").value = sel.rule;
  const row = $("noise-row");
  if (sel.rule === "perfect") {
    row.hidden = true;
    return;
  }
  row.hidden = false;
  const n = NOISE[sel.rule];
  $("noise-label").textContent = n.label;
  const x = noiseOf(sel)!;
  const slider = $<HTMLInputElement>("noise-slider");
  slider.value = String(Math.min(1000, Math.max(0, noiseToSlider(sel.rule, x))));
  slider.setAttribute("aria-valuetext", `${n.key} = ${x}`);
  $<HTMLInputElement>("noise").value = String(x);
  $("noise-scale").textContent = `log scale, ${n.lo} to ${n.hi}`;
}

function syncWeights(): void {
  page.state.market.tasks.forEach((t, k) => {
    const r = document.getElementById(`w-range-${k}`) as HTMLInputElement | null;
    const n = document.getElementById(`w-num-${k}`) as HTMLInputElement | null;
    if (r && document.activeElement !== r) r.value = String(t.weight);
    if (r) r.setAttribute("aria-valuetext", t.weight.toFixed(3));
    if (n && document.activeElement !== n) n.value = String(Number(t.weight.toFixed(6)));
  });
}

/** The normalisation control: shown for score tables, as the CLI's `--normalize` text. */
export function syncNormalize(): void {
  const spec = page.state.normalize;
  const box = $("normalize-box");
  box.hidden = spec === undefined;
  if (spec === undefined) return;
  const max = /^scale:max=(.+)$/.exec(spec)?.[1];
  $<HTMLSelectElement>("normalize-kind").value = max === undefined ? spec : "scale:max";
  const maxBox = $<HTMLInputElement>("normalize-max");
  maxBox.disabled = max === undefined;
  maxBox.value = max ?? "";
  // a link's state for an uploaded table holds the normalised qualities only
  const fixed = page.table === undefined;
  $<HTMLSelectElement>("normalize-kind").disabled = fixed;
  if (fixed) maxBox.disabled = true;
}

function buildWeights(): void {
  const box = $("weights");
  const info = TABLE_INFO[page.state.source.path];
  box.innerHTML = page.state.market.tasks
    .map(
      (t, k) => `<div class="row weight">
  <label for="w-range-${k}" title="${esc(info?.tasks.find((x) => x.code === t.name)?.name ?? t.name)}">${esc(t.name)}</label>
  <input type="range" id="w-range-${k}" min="0" max="1" step="0.001" />
  <label for="w-num-${k}" class="visually-hidden">${esc(t.name)} weight</label>
  <input type="number" id="w-num-${k}" min="0" max="1" step="0.001" />
</div>`,
    )
    .join("");
  page.state.market.tasks.forEach((_, k) => {
    const apply = (x: number) => {
      if (!Number.isFinite(x)) return;
      const w = setWeight(
        page.state.market.tasks.map((t) => t.weight),
        k,
        x,
      );
      page.state.market.tasks.forEach((t, j) => {
        t.weight = w[j]!;
      });
      page.state.weightsMoved = true;
      syncWeights();
      changed();
    };
    $<HTMLInputElement>(`w-range-${k}`).addEventListener("input", (e) => {
      debug.lastInput = performance.now();
      apply(Number((e.target as HTMLInputElement).value));
    });
    $<HTMLInputElement>(`w-num-${k}`).addEventListener("change", (e) => {
      debug.lastInput = performance.now();
      apply(Number((e.target as HTMLInputElement).value));
    });
  });
  syncWeights();
}

function buildProducers(): void {
  const m = page.state.market;
  const info = TABLE_INFO[page.state.source.path];
  const head = `<thead><tr>${headerCell("producer", 0)}${m.tasks
    .map((t, k) => {
      const full = info?.tasks.find((x) => x.code === t.name)?.name;
      return headerCell(t.name, k + 1, full === undefined ? {} : { abbr: full });
    })
    .join("")}${headerCell("strategy space", m.tasks.length + 1)}</tr></thead>`;
  const body = m.producers
    .map(
      (p, i) =>
        `<tr><th scope="row">${esc(p.name)}</th>${p.quality
          .map(
            (q, t) =>
              `<td><input type="number" id="q-${i}-${t}" aria-label="${esc(`${p.name} quality on ${m.tasks[t]!.name}`)}" min="0" max="${m.tasks[t]!.cap}" step="0.01" value="${clean(q)}" /></td>`,
          )
          .join(
            "",
          )}<td><input type="text" id="space-${i}" aria-label="${esc(`${p.name} strategy space`)}" value="${esc(spaceSpec(p.space))}" ${p.space?.kind === "menu" ? "readonly" : ""}/></td></tr>`,
    )
    .join("");
  const table = $("producers");
  table.innerHTML = `${head}<tbody>${body}</tbody>`;
  sortable(table.parentElement!);
  m.producers.forEach((p, i) => {
    p.quality.forEach((_, t) => {
      $<HTMLInputElement>(`q-${i}-${t}`).addEventListener("change", (e) => {
        const el = e.target as HTMLInputElement;
        const x = Number(el.value);
        const old = p.quality[t]!;
        p.quality[t] = x;
        if (!tryValidate()) {
          p.quality[t] = old;
          return;
        }
        page.state.source.pristine = false;
        changed();
      });
    });
    $<HTMLInputElement>(`space-${i}`).addEventListener("change", (e) => {
      const text = (e.target as HTMLInputElement).value.trim();
      const old = p.space;
      try {
        const space = parseSpaceSpec(text, page.market.tasks, `producers[${i}].space`);
        if (space.kind === "fixed") delete p.space;
        else p.space = space;
      } catch (err) {
        showError(err);
        return;
      }
      if (!tryValidate()) {
        p.space = old;
        return;
      }
      page.state.source.pristine = false;
      changed();
    });
  });
  const rep = $<HTMLSelectElement>("replace");
  rep.innerHTML = m.producers.map((p) => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join("");
  rep.value = page.state.replace;
}

function syncEntrant(): void {
  const e = page.state.entrant;
  $<HTMLSelectElement>("entrant-kind").value = e.kind;
  const k = $<HTMLInputElement>("entrant-k");
  k.value = String(e.k);
  k.max = String(page.state.market.tasks.length);
  k.disabled = e.kind !== "top-k";
  $<HTMLInputElement>("entrant-step").value = String(e.step);
  $<HTMLInputElement>("entrant-step").disabled = e.kind !== "grid";
  $<HTMLInputElement>("entrant-budget").value = String(e.budget);
  $<HTMLInputElement>("entrant-budget").disabled = e.kind === "top-k";
}

/** Builds every input for a newly loaded market. */
export function buildInputs(): void {
  const m = page.state.market;
  $("market-name").textContent =
    `${page.state.source.path}${m.name ? `: ${m.name}` : ""} (${m.producers.length} producers, ${m.tasks.length} tasks)`;
  syncNormalize();
  syncSelectionInputs();
  buildWeights();
  buildProducers();
  syncEntrant();
  renderLegend();
}

/** On a narrow screen the controls below the file picker fold away (the results come first). */
const NARROW = "(max-width: 999px)";

function setControlsOpen(open: boolean): void {
  const b = $("inputs-toggle");
  $("inputs").classList.toggle("collapsed", !open);
  b.setAttribute("aria-expanded", String(open));
  b.textContent = open ? "Hide the controls" : "Show the controls";
}

/** Wires the inputs that exist for every market (built once). */
export function wireStaticInputs(): void {
  $<HTMLSelectElement>("rule").addEventListener("change", (e) => {
    const rule = (e.target as HTMLSelectElement).value as Market["selection"]["rule"];
    const defaults = { perfect: 0, epsilon: 0.1, logit: 8, probit: 0.1 };
    page.state.market.selection = withNoise(rule, defaults[rule]);
    syncSelectionInputs();
    changed();
  });
  $<HTMLInputElement>("noise-slider").addEventListener("input", (e) => {
    debug.lastInput = performance.now();
    const rule = page.state.market.selection.rule;
    if (rule === "perfect") return;
    page.state.market.selection = withNoise(
      rule,
      sliderToNoise(rule, Number((e.target as HTMLInputElement).value)),
    );
    $<HTMLInputElement>("noise").value = String(noiseOf(page.state.market.selection));
    (e.target as HTMLInputElement).setAttribute(
      "aria-valuetext",
      `${NOISE[rule].key} = ${noiseOf(page.state.market.selection)}`,
    );
    changed();
  });
  $<HTMLInputElement>("noise").addEventListener("change", (e) => {
    const rule = page.state.market.selection.rule;
    if (rule === "perfect") return;
    const old = page.state.market.selection;
    page.state.market.selection = withNoise(rule, Number((e.target as HTMLInputElement).value));
    if (!tryValidate()) {
      page.state.market.selection = old;
      return;
    }
    syncSelectionInputs();
    changed();
  });
  const entrantInput = () => {
    const e: EntrantControls = {
      kind: $<HTMLSelectElement>("entrant-kind").value as EntrantControls["kind"],
      k: Number($<HTMLInputElement>("entrant-k").value),
      step: Number($<HTMLInputElement>("entrant-step").value),
      budget: Number($<HTMLInputElement>("entrant-budget").value),
    };
    const old = page.state.entrant;
    page.state.entrant = e;
    if (!tryValidate()) {
      page.state.entrant = old;
      return;
    }
    syncEntrant();
    changed();
  };
  for (const id of ["entrant-kind", "entrant-k", "entrant-step", "entrant-budget"])
    $(id).addEventListener("change", entrantInput);
  $<HTMLSelectElement>("replace").addEventListener("change", (e) => {
    page.state.replace = (e.target as HTMLSelectElement).value;
    changed();
  });
  $("download").addEventListener("click", () => {
    const blob = new Blob([`${JSON.stringify(page.state.market, null, 2)}\n`], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "market.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  setControlsOpen(!window.matchMedia(NARROW).matches);
  $("inputs-toggle").addEventListener("click", () =>
    setControlsOpen($("inputs").classList.contains("collapsed")),
  );
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(renderCharts, 100);
  });
}
