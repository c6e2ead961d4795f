#!/usr/bin/env bash
# A single-node Slurm on this machine for test/scale-out/slurm.slow.test.ts: `slurm-local.sh start DIR`
# starts munged, slurmctld and slurmd with their configuration, keys, state and logs all in DIR (nothing
# under /etc is touched; SLURM_CONF=DIR/slurm.conf points the client commands at it) and waits until
# the node is idle; `slurm-local.sh stop DIR` stops exactly the daemons it started (by their pid files).
# Needs root and Debian's slurm-wlm and munge (.ci/run installs them).
set -euo pipefail
cmd=$1
D=$2
if [ "$cmd" = stop ]; then
  pids=()
  for p in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
    [ -f "$p" ] && pid=$(cat "$p") && kill "$pid" 2>/dev/null && pids+=("$pid") || true
  done
  # slurmctld saves its state as it stops: wait (up to 20 s) until every daemon is gone, so that the
  # caller can remove DIR without racing it
  for _ in $(seq 200); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  exit 0
fi
mkdir -p "$D/munge" "$D/spool/ctld" "$D/spool/d" "$D/log"
chmod 700 "$D/munge"
dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$D/munge/munge.key"
munged --socket="$D/munge/munge.sock" --key-file="$D/munge/munge.key" --pid-file="$D/munge/munged.pid" \
  --log-file="$D/munge/munged.log" --seed-file="$D/munge/seed" --force
# ports of their own, so that two test runs on one machine do not meet
PORT=${SLURM_TEST_PORT:-$((20000 + RANDOM % 20000))}
cat > "$D/slurm.conf" <<CONF
ClusterName=modelmarket-test
SlurmctldHost=localhost
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
StateSaveLocation=$D/spool/ctld
SlurmdSpoolDir=$D/spool/d
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=300
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
# no cgroup constraints: the test's tasks are small and trusted
printf 'CgroupPlugin=cgroup/v1\nCgroupAutomount=no\n' > "$D/cgroup.conf"
export SLURM_CONF=$D/slurm.conf
slurmctld
slurmd
for _ in $(seq 1 60); do
  if sinfo -h -o %t 2>/dev/null | grep -q idle; then exit 0; fi
  sleep 0.5
done
echo "slurm-local.sh: the node did not become idle; see $D/log" >&2
exit 1
