"""Answers shlex questions for PythonShlex, the Java tests' reference implementation.

Reads every request from stdin before writing anything, so the caller can send the whole
batch first and read the answers afterwards without either side blocking on a full pipe.

Requests, one a line:   split <base64 of UTF-8 text>   |   quote <base64 of UTF-8 text>
Answers, in order:      ok <n> followed by n lines, each a base64 UTF-8 word
                        error <message of the ValueError that shlex.split raised>
"""
import base64
import shlex
import sys


def encode(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(field):
    return base64.b64decode(field, validate=True).decode("utf-8")


def answer(operation, text):
    if operation == "quote":
        words = [shlex.quote(text)]
    elif operation == "split":
        try:
            words = shlex.split(text)
        except ValueError as error:
            return ["error " + str(error)]
    else:
        raise SystemExit("unknown operation: " + operation)
    return ["ok %d" % len(words)] + [encode(word) for word in words]


def main():
    answers = []
    for request in sys.stdin.buffer.read().decode("ascii").splitlines():
        operation, _, field = request.partition(" ")
        answers.extend(answer(operation, decode(field)))
    sys.stdout.write("".join(line + "\n" for line in answers))


main()
