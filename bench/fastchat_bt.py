"""Side-by-side reference for bench/ratings-scale.bench.ts: FastChat's own Bradley-Terry fit
(`compute_bt`) and whole-log bootstrap (`compute_bootstrap_bt`) from lm-sys/FastChat
fastchat/serve/monitor/rating_systems.py, run on the same battle log, timed from inside.

    python3 bench/fastchat_bt.py RATING_SYSTEMS_PY LOG.csv fit
    python3 bench/fastchat_bt.py RATING_SYSTEMS_PY LOG.csv fit-categories
    python3 bench/fastchat_bt.py RATING_SYSTEMS_PY LOG.csv bootstrap N WORKERS

`fit` is `compute_bt` on the whole log, as FastChat's elo_analysis.py rates its "full" category;
`fit-categories` adds one `compute_bt` per value of the log's `category` column, each on the battles
of that category, as elo_analysis.py rates a category (it filters the battles, then fits them): the
like-for-like of modelmarket's fit of overall and every task.

RATING_SYSTEMS_PY is a copy of that file (it is not part of this repository); it needs numpy, scipy,
pandas and tqdm. Prints one JSON line: CPU seconds (this process and its pool's workers), peak resident
memory in MB of this process and of its largest worker, and the number of models.
"""
import importlib
import json
import os
import resource
import sys
import time

path, log, mode = sys.argv[1], sys.argv[2], sys.argv[3]
# imported by name from its folder, so that the bootstrap's worker processes can import it too
sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
rs = importlib.import_module(os.path.splitext(os.path.basename(path))[0])
import pandas as pd  # noqa: E402  (after the module, which needs it too)

t0 = time.process_time()
columns = ["model_a", "model_b", "winner"] + (["category"] if mode == "fit-categories" else [])
df = pd.read_csv(log, usecols=columns)
if mode == "fit":
    out = rs.compute_bt(df)
    models = len(out)
elif mode == "fit-categories":
    out = rs.compute_bt(df)
    models = len(out)
    for category in df["category"].dropna().unique():
        rs.compute_bt(df[df["category"] == category])
else:
    out = rs.compute_bootstrap_bt(df, num_round=int(sys.argv[4]), num_cpu=int(sys.argv[5]))
    models = out.shape[1]
self_ru = resource.getrusage(resource.RUSAGE_SELF)
child_ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = self_ru.ru_utime + self_ru.ru_stime + child_ru.ru_utime + child_ru.ru_stime
print(
    json.dumps(
        {
            "cpuSeconds": cpu,
            "maxRssMB": self_ru.ru_maxrss / 1024,
            "workerMaxRssMB": child_ru.ru_maxrss / 1024,
            "models": int(models),
        }
    )
)
