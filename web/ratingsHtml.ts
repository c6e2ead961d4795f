/**
 * The ratings view's controls and result boxes (filled by ratings.ts). Every control is a labelled
 * native input; the results are announced through the status line.
 */
import { CONTROLLED_HTML } from "./ratingsControlled.js";

export const RATINGS_HTML = `
<h2 id="ratings-h">Ratings from pairwise judgements</h2>
<p class="hint">Bradley-Terry ratings on the Elo scale, as <code>modelmarket ratings</code>, with seeded
bootstrap intervals; ratings controlled for style or length, as <code>modelmarket ratings --control</code>; the selection noise fitted to the judgements, as <code>modelmarket calibrate</code>.</p>
<div class="rv-controls">
  <div class="row">
    <label for="rv-data">Judgements</label>
    <select id="rv-data"></select>
    <label for="rv-file">or your battle log, AlpacaEval or WildBench file</label>
    <input type="file" id="rv-file" accept=".csv,.json,.jsonl,text/csv,application/json" />
  </div>
  <div class="row">
    <label for="rv-task">Task</label>
    <select id="rv-task"><option value="overall">overall</option></select>
    <label for="rv-ties">Ties</label>
    <select id="rv-ties">
      <option value="half">half a win each (Bradley-Terry)</option>
      <option value="davidson">Davidson's tie model</option>
    </select>
    <label for="rv-anchor">Anchor (Elo 1000)</label>
    <select id="rv-anchor"><option value="mean">mean</option></select>
  </div>
  <div class="row">
    <label for="rv-reps">Bootstrap replicates</label>
    <input type="number" id="rv-reps" min="0" step="1" value="100" />
    <label for="rv-interval">Interval</label>
    <select id="rv-interval">
      <option value="bca">BCa (bias-corrected and accelerated)</option>
      <option value="percentile">percentile</option>
    </select>
    <label for="rv-resample">Resample</label>
    <select id="rv-resample">
      <option value="battles">battles (the whole log)</option>
      <option value="cells">cells (within each pair and task)</option>
      <option value="clusters:question_id">clusters:question_id (whole prompts)</option>
    </select>
    <label for="rv-seed">Seed</label>
    <input type="text" id="rv-seed" value="1" size="6" />
    <label for="rv-max">Replicate limit</label>
    <input type="number" id="rv-max" min="1" step="1" value="2000" />
  </div>
${CONTROLLED_HTML}
  <div class="row">
    <label for="rv-table">Score table for the noise</label>
    <select id="rv-table"></select>
    <label for="rv-table-file">or your score table</label>
    <input type="file" id="rv-table-file" accept=".csv,text/csv" />
  </div>
  <div class="row">
    <label for="rv-norm">Normalisation</label>
    <select id="rv-norm">
      <option value="minmax">minmax</option>
      <option value="">scale by the table's maximum</option>
      <option value="scale:max=10">scale:max=10</option>
      <option value="scale:max=100">scale:max=100</option>
      <option value="none">none</option>
    </select>
    <label for="rv-noise">Noise model</label>
    <select id="rv-noise">
      <option value="logit">logit (beta)</option>
      <option value="probit">probit (sigma)</option>
    </select>
    <button type="button" id="rv-use" disabled>Run the market views at the fitted noise</button>
  </div>
</div>
<p id="rv-status" role="status" aria-live="polite"></p>
<p id="rv-error" role="alert" hidden></p>
<p id="rv-fit" class="hint"></p>
<div id="rv-forest"></div>
<div id="rv-heat"></div>
<h3 id="rv-controlled-h">Controlled ratings</h3>
<div id="rv-controlled"></div>
<h3 id="rv-calibration-h">Calibrated noise</h3>
<div id="rv-calibration"></div>
<h3>The same numbers from the command line</h3>
<pre id="rv-cli"></pre>
`;
