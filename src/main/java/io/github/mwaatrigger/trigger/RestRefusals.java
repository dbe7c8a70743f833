package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;
import io.github.mwaatrigger.airflow.RestApiDialect;
import io.github.mwaatrigger.mwaa.InvokeRestApiGrant;
import io.github.mwaatrigger.mwaa.MwaaConfigurationException;
import io.github.mwaatrigger.mwaa.RestApiProblems;
import io.github.mwaatrigger.mwaa.RestApiReply;
import java.util.Objects;

/**
 * What an Airflow REST answer that is not a success means, as a {@link TriggerFailure} that says whether
 * retrying can help and what to do: 404 an unknown DAG, 400 a value Airflow refused, 422 a body this
 * Airflow does not take (a wrong {@code AIRFLOW_VERSION}), 401/403 an Airflow role that may not do this.
 * Busy and failing answers (429, 5xx) never get here: the client retried them.
 */
final class RestRefusals {

    /** What a call was for: it decides which Airflow roles may make it. */
    enum Action {
        TRIGGER("trigger runs of", "User, Op or Admin"),
        READ("read the runs of", "Viewer, User, Op or Admin");

        private final String verb;
        private final String roles;

        Action(String verb, String roles) {
            this.verb = verb;
            this.roles = roles;
        }
    }

    private final InvokeRestApiGrant grant;

    RestRefusals(InvokeRestApiGrant grant) {
        this.grant = Objects.requireNonNull(grant, "grant");
    }

    /** The failure {@code reply} (not a success) stands for, when {@code action} was asked of {@code dagId}. */
    TriggerFailure of(RestApiReply reply, Action action, RestApiDialect dialect, String dagId) {
        String said = "HTTP " + reply.status() + RestApiProblems.suffix(reply.body());
        return switch (reply.status()) {
            case 404 -> new DagNotFoundException("DAG '" + dagId + "' was not found in Airflow (" + said + "): check "
                    + "the DAG id and that the DAG file is deployed and imports without errors");
            case 400 -> new AirflowRefusedArgumentException("Airflow refused to " + action.verb + " DAG '" + dagId
                    + "' (" + said + ")");
            case 422 -> new AirflowCommandException(dialect + " did not accept the request to " + action.verb + " DAG '"
                    + dagId + "' (" + said + "): check that AIRFLOW_VERSION is the environment's version, or set it "
                    + "to auto", false);
            case 401, 403 -> new MwaaConfigurationException(capitalized(grant.describeRole()) + " may not "
                    + action.verb + " DAG '" + dagId + "' (Airflow answered " + said + "): that needs the Airflow role "
                    + action.roles + "; grant the caller's IAM role airflow:InvokeRestApi on " + grant.roleArn("User")
                    + " (with the template: AirflowRole=User)");
            default -> new AirflowCommandException("Airflow failed to " + action.verb + " DAG '" + dagId + "' ("
                    + said + ")", false);
        };
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
