/**
 * What the shipped score tables' task columns mean, from their sources as data/README.md records them
 * (MT-Bench-101: Bai et al., ACL 2024, arXiv 2402.14762, its abilities and tasks;
 * LiveBench: White et al., 2024, arXiv 2406.19314, its categories; WildBench: Lin et al., 2024,
 * arXiv 2406.04770, its task categories), and how the page normalises each table by default (the
 * normalisation docs/empirical.md uses for it).
 */

/** One task column: its code in the table, its full name, and the group the source puts it in. */
export interface TaskInfo {
  code: string;
  name: string;
  group: string;
}

/** A shipped table's legend and default normalisation (`--normalize` text). */
export interface TableInfo {
  title: string;
  scale: string;
  normalize: string;
  tasks: TaskInfo[];
  note: string;
}

const mt = (group: string, pairs: Array<[string, string]>): TaskInfo[] =>
  pairs.map(([code, name]) => ({ code, name, group }));

/** LiveBench's columns are its task names; the category is the source's grouping. */
const lb = (group: string, codes: string[], names: string[]): TaskInfo[] =>
  codes.map((code, k) => ({ code, name: names[k]!, group }));

/** The legends of the tables in `data/`, by path. */
export const TABLE_INFO: Record<string, TableInfo> = {
  "data/mtbench101_task_scores.csv": {
    title: "MT-Bench-101 (Bai et al., ACL 2024)",
    scale: "1-10 per task, judged by GPT-4 (a dialogue's score is the minimum over its turns)",
    normalize: "scale:max=10",
    note: "Ability > sub-ability > task; 18 models, 13 multi-turn dialogue tasks.",
    tasks: [
      ...mt("Perceptivity", [
        ["CM", "context memory"],
        ["SI", "separate input"],
        ["AR", "anaphora resolution"],
        ["TS", "topic shift"],
        ["CC", "content confusion"],
      ]),
      ...mt("Adaptability", [
        ["CR", "content rephrasing"],
        ["FR", "format rephrasing"],
        ["SC", "self-correction"],
        ["SA", "self-affirmation"],
        ["MR", "mathematical reasoning"],
        ["GR", "general reasoning"],
      ]),
      ...mt("Interactivity", [
        ["IC", "instruction clarification"],
        ["PI", "proactive interaction"],
      ]),
    ],
  },
  "data/livebench_2026_01_08_task_scores.csv": {
    title: "LiveBench, release 2026-01-08 (White et al., 2024)",
    scale: "0-100 per task, scored against objective ground truth",
    normalize: "scale:max=100",
    note: "The site averages a category's tasks, and the global score averages the 7 categories.",
    tasks: [
      ...lb(
        "Reasoning",
        ["theory_of_mind", "zebra_puzzle", "spatial", "logic_with_navigation"],
        ["theory of mind", "zebra puzzles", "spatial reasoning", "logic with navigation"],
      ),
      ...lb("Coding", ["code_generation", "code_completion"], ["code generation", "code completion"]),
      ...lb(
        "Agentic Coding",
        ["javascript", "typescript", "python"],
        ["agentic coding in JavaScript", "agentic coding in TypeScript", "agentic coding in Python"],
      ),
      ...lb(
        "Mathematics",
        ["AMPS_Hard", "integrals_with_game", "math_comp", "olympiad"],
        ["AMPS Hard", "integrals (with game)", "math competitions", "olympiad problems"],
      ),
      ...lb(
        "Data Analysis",
        ["consecutive_events", "tablejoin", "tablereformat"],
        ["consecutive events", "table join", "table reformat"],
      ),
      ...lb(
        "Language",
        ["connections", "plot_unscrambling", "typos"],
        ["connections", "plot unscrambling", "typos"],
      ),
      ...lb(
        "IF (instruction following)",
        ["paraphrase", "simplify", "story_generation", "summarize"],
        ["paraphrase", "simplify", "story generation", "summarize"],
      ),
    ],
  },
  "data/wildbench_v2_task_scores.csv": {
    title: "WildBench v2 (Lin et al., 2024)",
    scale:
      "WB-Score, -100..100: 10 x 2 x (checklist score on 1-10 - 5), judged by gpt-4o-2024-05-13 on 1,024 real user tasks",
    normalize: "minmax",
    note: "A task can count in several categories. Scores go below 0, so the page normalises per task (minmax).",
    tasks: [
      { code: "Creative Tasks", name: "creative tasks", group: "WildBench task category" },
      { code: "Planning & Reasoning", name: "planning and reasoning", group: "WildBench task category" },
      { code: "Math & Data Analysis", name: "math and data analysis", group: "WildBench task category" },
      {
        code: "Information/Advice seeking",
        name: "information and advice seeking",
        group: "WildBench task category",
      },
      { code: "Coding & Debugging", name: "coding and debugging", group: "WildBench task category" },
    ],
  },
};

/** The full name of a task of a shipped table (`undefined` for other markets). */
export function taskName(path: string, code: string): string | undefined {
  return TABLE_INFO[path]?.tasks.find((t) => t.code === code)?.name;
}
