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


def trigger():
    mwaa_cli_token = client.create_cli_token(Name=mwaa_env_name)
    response = requests.post(
        'https://{0}/aws_mwaa/cli'.format(mwaa_cli_token['WebServerHostname']),
        headers={'Authorization': 'Bearer ' + mwaa_cli_token['CliToken'], 'Content-Type': 'text/plain'},
        data='dags trigger {0}'.format(dag_name))
    if response.status_code != 200:
        raise SystemExit('HTTP {0}'.format(response.status_code))
    base64.b64decode(response.json()['stdout']).decode('utf8')


for _ in range(warm_up):
    trigger()
times = []
start = time.perf_counter()
for _ in range(triggers):
    t = time.perf_counter()
    trigger()
    times.append((time.perf_counter() - t) * 1000)
total = time.perf_counter() - start
print(json.dumps({"triggers": triggers, "total_s": total, "median_ms": statistics.median(times),
                  "p90_ms": sorted(times)[int(len(times) * 0.9) - 1], "mean_ms": total * 1000 / triggers}))
