"""The MWAA user guide's "Using a Python script" (Airflow v2), with its placeholders taken from the
command line: boto3 create_cli_token, then requests.post to /aws_mwaa/cli, then base64-decode.

usage: create_cli_token.py ENVIRONMENT_NAME CLI_COMMAND
"""
import base64
import sys

import boto3
import requests

mwaa_env_name = sys.argv[1]
raw_data = sys.argv[2]

client = boto3.client('mwaa')

mwaa_cli_token = client.create_cli_token(
    Name=mwaa_env_name
)

mwaa_auth_token = 'Bearer ' + mwaa_cli_token['CliToken']
mwaa_webserver_hostname = 'https://{0}/aws_mwaa/cli'.format(mwaa_cli_token['WebServerHostname'])

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
