package io.github.mwaatrigger.emulator;

import java.time.Duration;
import java.util.Objects;

/** A failure the emulator acts out for one request, queued with {@link MwaaEmulator#injectCliFaults}. */
public sealed interface Fault {

    /** Answer with {@code status} and {@code body} instead of running the command. */
    record Status(int status, String body) implements Fault {
        public Status {
            Objects.requireNonNull(body, "body");
        }
    }

    /** Answer {@code status} with {@code Location: location} instead of running the command. */
    record Redirect(int status, String location) implements Fault {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Wait {@code delay}, then handle the request normally. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Close the connection without an answer; the command does not run. */
    record DropConnection() implements Fault {
    }

    /** Answer 200 with a body that is not {@code {"stdout", "stderr"}} in base64; the command does not run. */
    record MalformedBody() implements Fault {
    }

    /** Run the command, then close the connection without an answer: the command ran but the answer was lost. */
    record LoseAnswer() implements Fault {
    }

    /**
     * Run the command, then answer 200 with a body of at least {@code bytes}: its stdout padded with blank
     * lines, as a command with a very long output would answer.
     */
    record OversizedAnswer(int bytes) implements Fault {
    }

    /**
     * Run the command, then answer 200 with a stdout no reader can make sense of (a JSON row holding
     * {@code Infinity}, which is not JSON), as an Airflow, or a stand-in for one, that printed a conf value
     * it could not keep: the command ran, but its answer says neither that nor why not. On
     * {@code InvokeRestApi}: the call runs in Airflow, and its 200 carries JSON that is not what was asked for.
     */
    record UnreadableAnswer() implements Fault {
    }

    /**
     * Answer {@code status} with the request's headers, bearer token included, echoed in the body, as a
     * misbehaving proxy might; the command does not run.
     */
    record EchoHeaders(int status) implements Fault {
    }

    /** Refuse the request's token as expired (403), whatever its age. */
    record RejectToken() implements Fault {
    }

    /**
     * For the MWAA API: answer {@code status} with the AWS error {@code errorType} (such as
     * {@code ThrottlingException}, which AWS answers with 400) instead of handling the request.
     */
    record AwsError(int status, String errorType) implements Fault {
        public AwsError {
            Objects.requireNonNull(errorType, "errorType");
        }
    }

    static Fault status(int status) {
        return new Status(status, "");
    }
}
