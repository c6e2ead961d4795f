/** The test budget of documented commands (test/helpers/budget.ts): what is capped, what is kept. */
import { describe, expect, it } from "vitest";
import { commandKey, testBudget, writesFiles } from "../helpers/budget.js";

describe("testBudget", () => {
  it("caps instances, bootstrap replicates and sweep points, and nothing else", () => {
    expect(testBudget("modelmarket check --claim C6 --claim C7 --instances 20000 --workers 2")).toBe(
      "modelmarket check --claim C6 --claim C7 --instances 100 --workers 2",
    );
    expect(testBudget("modelmarket check --instances 50 --seed 1")).toBe(
      "modelmarket check --instances 50 --seed 1",
    );
    expect(testBudget("modelmarket ratings x.csv --bootstrap 100 --workers 2")).toBe(
      "modelmarket ratings x.csv --bootstrap 39 --workers 2",
    );
    expect(
      testBudget(
        "modelmarket compare m.json --equilibrium --sweep eps=0:0.9:10 --sweep weight.t1=0.5:0.9:5 --json",
      ),
    ).toBe("modelmarket compare m.json --equilibrium --sweep eps=0:0.9:3 --sweep weight.t1=0.5:0.9:3 --json");
    expect(testBudget("modelmarket empirical t.csv --sweep beta:min=1,max=1000,points=50")).toBe(
      "modelmarket empirical t.csv --sweep beta:min=1,max=1000,points=3",
    );
    expect(testBudget("modelmarket nash g.nfg --method fp --iterations 200000")).toBe(
      "modelmarket nash g.nfg --method fp --iterations 200000",
    );
  });

  it("knows which commands leave files a later command may read", () => {
    expect(writesFiles("modelmarket check --shard 1/2 --output part1.json")).toBe(true);
    expect(writesFiles("modelmarket ratings x.csv --csv > ratings.csv")).toBe(true);
    expect(writesFiles("modelmarket compare m.json --report compare.html")).toBe(true);
    expect(writesFiles("modelmarket check --claim C8 --counterexamples cx/")).toBe(true);
    expect(writesFiles("modelmarket nash g.nfg --json --decimals 4")).toBe(false);
    expect(writesFiles("modelmarket evaluate examples/three-producers.json --json")).toBe(false);
  });

  it("knows when two lines are the same run (a trailing comment and spacing aside)", () => {
    expect(commandKey("modelmarket check --instances 500 --seed 1   # every claim")).toBe(
      commandKey("modelmarket check --instances 500 --seed 1"),
    );
    expect(commandKey("modelmarket  nash g.nfg")).toBe("modelmarket nash g.nfg");
    expect(commandKey("node bin/modelmarket.js  nash g.nfg")).toBe("modelmarket nash g.nfg");
    expect(commandKey("modelmarket ratings x.csv --task 'A # B'")).toBe(
      "modelmarket ratings x.csv --task 'A # B'",
    );
  });
});
