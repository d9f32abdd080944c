#!/usr/bin/env bash
# A fleet-scale forecast as a Slurm job array: 8 shards, then a merge that depends on all of them.
#   bash deploy/forecast-slurm.sh   (submits the array, then the merge that waits for it)
#SBATCH --job-name=rtcost-forecast
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --output=results/slurm-%A_%a.out
set -euo pipefail
if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  mkdir -p results
  array=$(sbatch --parsable "$0")
  sbatch --dependency=afterok:"$array" --job-name=rtcost-merge --wrap \
    "rtcost merge results/part-*.json --format json --output results/forecast.json --html results/forecast.html"
  exit 0
fi
rtcost forecast scenarios/home-robot.yaml --worlds 2000 --jobs "$SLURM_CPUS_PER_TASK" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --out "results/part-$SLURM_ARRAY_TASK_ID.json"
