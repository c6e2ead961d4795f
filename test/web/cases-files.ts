/// <reference lib="dom" />
/**
 * The explorer's files and state: malformed files show the library's one-line error and keep the
 * market; the state round-trips through the URL and the downloaded market JSON; the keyboard moves the
 * noise slider.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  choice,
  gen,
  libraryMessage,
  loadExample,
  openPage,
  ROOT,
  runJson,
  settle,
  setWeight,
} from "./harness.js";

export function fileCases(): void {
  it("shows the library's one-line error for malformed files and keeps the market", async () => {
    const page = await openPage();
    const u = await page.textContent("#welfare-U");
    const files = [
      {
        name: "bad.json",
        text: '{"tasks": [{"name": "a", "weight": -1}], "selection": {"rule": "perfect"}, "producers": [{"name": "A", "quality": [0.5]}]}',
      },
      { name: "broken.json", text: '{"tasks": [\n  {"name": "a",}\n]}' },
      { name: "ragged.csv", text: "model,a,b\nA,1,2\nB,3\n" },
    ];
    for (const f of files) {
      await page.setInputFiles("#file", {
        name: f.name,
        mimeType: "text/plain",
        buffer: Buffer.from(f.text),
      });
      await page.waitForSelector("#error:not([hidden])");
      const shown = (await page.textContent("#error")) ?? "";
      expect(shown).toBe(libraryMessage(f.text, f.name));
      expect(shown).not.toContain("\n");
      expect(shown.startsWith(`${f.name}: `)).toBe(true);
      expect(await page.textContent("#welfare-U")).toBe(u);
    }
    // a good file, dropped on the page, clears the error
    const before = await gen(page);
    await page.evaluate(
      (text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "good.json", { type: "application/json" }));
        document.body.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      },
      readFileSync(join(ROOT, "examples/c2-two-producers.json"), "utf8"),
    );
    await settle(page, before);
    expect(await page.isHidden("#error")).toBe(true);
    expect(await page.textContent("#market-name")).toContain("good.json");
    await page.close();
  });

  it("round-trips its state through the URL and the downloaded market JSON; keyboard works", async () => {
    const page = await openPage();
    await loadExample(page, "examples/three-producers.json");
    await setWeight(page, 2, 0.5);
    // keyboard: the noise slider moves with the arrow keys
    const before = await gen(page);
    await page.focus("#noise-slider");
    await page.keyboard.press("ArrowRight");
    await settle(page, before);
    const noise = await page.inputValue("#noise");
    expect(Number(noise)).not.toBe(8);
    const u = await page.textContent("#welfare-U");
    const wr = await choice(page, "entry-table", "winrate");
    const copy = await openPage(1280, page.url());
    expect(await copy.textContent("#welfare-U")).toBe(u);
    expect(await copy.inputValue("#noise")).toBe(noise);
    expect(await copy.inputValue("#w-num-2")).toBe("0.5");
    expect(await choice(copy, "entry-table", "winrate")).toBe(wr);
    const [download] = await Promise.all([copy.waitForEvent("download"), copy.click("#download")]);
    const path = await download.path();
    const text = readFileSync(path, "utf8");
    const dir = mkdtempSync(join(tmpdir(), "modelmarket-dl-"));
    try {
      const file = join(dir, "market.json");
      writeFileSync(file, text);
      const evaluation = (await runJson(["modelmarket", "evaluate", file])) as { welfare: { U: number } };
      expect(evaluation.welfare.U.toFixed(4)).toBe(u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await copy.close();
    await page.close();
  });
}
