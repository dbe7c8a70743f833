"""The guide's script as a loop in one process (the boto3 client made once, then a CLI token and a POST
per trigger, as the script does), for the warm comparison. Prints one JSON line with the timings.

usage: guide_trigger_loop.py ENVIRONMENT_NAME DAG_NAME WARM_UP TRIGGERS
"""
import base64
import json
import statistics
import sys
import time

import boto3
import requests

mwaa_env_name, dag_name = sys.argv[1], sys.argv[2]
warm_up, triggers = int(sys.argv[3]), int(sys.argv[4])
client = boto3.client('mwaa')


def trigger(run):
    # A unique run id with microseconds: the bare `dags trigger` takes its run id from the second, so
    # back-to-back triggers would collide with DagRunAlreadyExists.
    command = 'dags trigger {0} -r bench_loop_{1}_{2} --no-replace-microseconds'.format(dag_name, run, time.time_ns())
    mwaa_cli_token = client.create_cli_token(Name=mwaa_env_name)
    response = requests.post(
        'https://{0}/aws_mwaa/cli'.format(mwaa_cli_token['WebServerHostname']),
        headers={'Authorization': 'Bearer ' + mwaa_cli_token['CliToken'], 'Content-Type': 'text/plain'},
        data=command)
    if response.status_code != 200:
        raise SystemExit('HTTP {0}'.format(response.status_code))
    stdout = base64.b64decode(response.json()['stdout']).decode('utf8')
    if 'bench_loop_' not in stdout:
        raise SystemExit('no run created: ' + stdout + base64.b64decode(response.json()['stderr']).decode('utf8'))


for i in range(warm_up):
    trigger('warm_up_{0}'.format(i))
times = []
start = time.perf_counter()
for i in range(triggers):
    t = time.perf_counter()
    trigger(i)
    times.append((time.perf_counter() - t) * 1000)
total = time.perf_counter() - start
print(json.dumps({"triggers": triggers, "total_s": total, "median_ms": statistics.median(times),
                  "p90_ms": sorted(times)[int(len(times) * 0.9) - 1], "mean_ms": total * 1000 / triggers}))
