"""A stand-in for Lambda's Python runtime (the bootstrap awslambdaric runs) for the benchmark: imports the
handler module named by _HANDLER (MODULE.FUNCTION) from LAMBDA_TASK_ROOT, which is the init phase, then loops
over the Runtime API at AWS_LAMBDA_RUNTIME_API as the real one does: GET /invocation/next, call the handler with
the JSON event and a context, POST its JSON answer to /invocation/ID/response, or an error document to
/invocation/ID/error. A failed import is reported to /init/error, and the process exits.

usage: _HANDLER=guide_lambda_function.lambda_handler python3 lambda_python_runtime.py
"""
import http.client
import importlib
import json
import os
import sys
import time
import traceback

RUNTIME = "/2018-06-01/runtime"


class Context:
    """The attributes of the Lambda context object the Python runtime passes."""

    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def error_document(error):
    return json.dumps({"errorMessage": str(error), "errorType": type(error).__name__,
                       "stackTrace": traceback.format_tb(error.__traceback__)}).encode()


def post(connection, path, body, headers=None):
    connection.request("POST", path, body, headers or {})
    connection.getresponse().read()


def main():
    connection = http.client.HTTPConnection(os.environ["AWS_LAMBDA_RUNTIME_API"])
    module_name, _, function_name = os.environ["_HANDLER"].rpartition(".")
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
    except Exception as error:  # what the runtime reports as Runtime.ImportModuleError
        post(connection, RUNTIME + "/init/error", error_document(error),
             {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
        sys.exit(1)
    while True:
        connection.request("GET", RUNTIME + "/invocation/next")
        response = connection.getresponse()
        event = json.loads(response.read())
        context = Context(response.headers)
        base = RUNTIME + "/invocation/" + context.aws_request_id
        try:
            answer = json.dumps(handler(event, context)).encode()
        except Exception as error:
            post(connection, base + "/error", error_document(error),
                 {"Lambda-Runtime-Function-Error-Type": "Runtime.UserException"})
            continue
        post(connection, base + "/response", answer)


if __name__ == "__main__":
    main()
