package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonValue;
import java.util.Objects;

/**
 * What Airflow's web server answered a REST call: its HTTP status and its JSON body.
 *
 * @param status the HTTP status, e.g. 200, 404, 409, 422
 * @param body   the JSON body
 */
record AirflowRestAnswer(int status, JsonValue body) {

    AirflowRestAnswer {
        Objects.requireNonNull(body, "body");
    }
}
