"""The MWAA user guide's Python script ("Using a Python script", Airflow v2), unchanged but for its
placeholders, which come from the command line: boto3 create_cli_token, then requests.post to
/aws_mwaa/cli with the token, then the base64-decoded output.

usage: guide_trigger.py ENVIRONMENT_NAME DAG_NAME
"""
import base64
import json
import sys

import boto3
import requests

mwaa_env_name = sys.argv[1]
dag_name = sys.argv[2]
mwaa_cli_command = 'dags trigger'

client = boto3.client('mwaa')

mwaa_cli_token = client.create_cli_token(
    Name=mwaa_env_name
)

mwaa_auth_token = 'Bearer ' + mwaa_cli_token['CliToken']
mwaa_webserver_hostname = 'https://{0}/aws_mwaa/cli'.format(mwaa_cli_token['WebServerHostname'])
raw_data = '{0} {1}'.format(mwaa_cli_command, dag_name)

mwaa_response = requests.post(
        mwaa_webserver_hostname,
        headers={
            'Authorization': mwaa_auth_token,
            'Content-Type': 'text/plain'
            },
        data=raw_data
        )

mwaa_std_err_message = base64.b64decode(mwaa_response.json()['stderr']).decode('utf8')
mwaa_std_out_message = base64.b64decode(mwaa_response.json()['stdout']).decode('utf8')

print(mwaa_response.status_code)
print(mwaa_std_err_message)
print(mwaa_std_out_message)
