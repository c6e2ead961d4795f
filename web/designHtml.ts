/**
 * The design view's controls and result boxes (filled by design.ts); every control is a labelled
 * native input. No imports: the page loads this, the worker the library.
 */
export const DESIGN_HTML = `
<h2 id="design-h">Benchmark design</h2>
<p class="hint">Which scoring rule, or which benchmark weights, make the producers' response best for
consumers, as <code>modelmarket design</code>: drag a rule family's parameter or the benchmark weights
<var>b</var> (what the leaderboard measures; welfare stays under the task weights above) and watch the
response and the welfare move. Uses the market above.</p>
<div class="dv-controls">
  <div class="row">
    <label for="dv-question">Producers' response</label>
    <select id="dv-question">
      <option value="entry">a new entrant (its space above)</option>
      <option value="replace">the producer to replace (chosen above)</option>
      <option value="equilibrium">the equilibria of the producers with a space</option>
    </select>
    <label for="dv-objective">Objective over ties</label>
    <select id="dv-objective">
      <option value="worst">worst</option>
      <option value="best">best</option>
    </select>
  </div>
  <div class="row">
    <label for="dv-family">Rule family</label>
    <select id="dv-family"></select>
  </div>
  <div class="row">
    <label for="dv-from">from</label>
    <input type="number" id="dv-from" step="any" />
    <label for="dv-to">to</label>
    <input type="number" id="dv-to" step="any" />
  </div>
  <div class="row">
    <label for="dv-slider" id="dv-param-label">parameter</label>
    <input type="range" id="dv-slider" min="0" max="1000" step="1" />
    <label for="dv-value" class="visually-hidden">parameter value</label>
    <input type="number" id="dv-value" step="any" />
    <button type="button" id="dv-go-optimum">Move to the optimum</button>
  </div>
</div>
<p id="dv-status" role="status" aria-live="polite"></p>
<div id="dv-partition"></div>
<div id="dv-at"></div>
<h3>Benchmark weights</h3>
<div class="dv-controls">
  <div class="row">
    <label for="dv-rule">Rule paid under b</label>
    <select id="dv-rule">
      <option value="weighted-winrate">weighted-winrate</option>
      <option value="winrate">winrate</option>
      <option value="marginal-contribution">marginal-contribution</option>
    </select>
    <label for="dv-within">within a factor of the task weights</label>
    <input type="number" id="dv-within" min="1" step="any" value="2" />
    <button type="button" id="dv-set-designed">Set the designed weights</button>
    <button type="button" id="dv-reset-b">b = task weights</button>
  </div>
  <div id="dv-weights"></div>
</div>
<div id="dv-weights-result"></div>
<h3>The same numbers from the command line</h3>
<pre id="dv-cli"></pre>
`;

/** The families the view offers, with their parameter, default range and fixed text parameters. */
export const DESIGN_FAMILIES: Record<
  string,
  { parameter: string; from: number; to: number; text?: Record<string, string>; label: string }
> = {
  "power-winrate": { parameter: "alpha", from: 0, to: 4, label: "power-winrate: pi (q/v)^alpha" },
  "threshold-winrate": {
    parameter: "tau",
    from: 0,
    to: 1,
    label: "threshold-winrate: a win counts if q >= tau v",
  },
  mix: {
    parameter: "lambda",
    from: 0,
    to: 1,
    text: { rules: "winrate+weighted-winrate" },
    label: "mix: lambda winrate + (1 - lambda) weighted winrate",
  },
};
