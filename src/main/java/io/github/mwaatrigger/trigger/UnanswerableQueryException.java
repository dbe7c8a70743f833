package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.TriggerFailure;
import java.util.Objects;

/**
 * The transport cannot answer a list query as asked: a parameter, or one of its values, is beyond what it
 * can know (the Airflow CLI does not print when a run was last updated, for example). The message names
 * the parameter and says what can be asked instead; retrying will not help.
 */
public final class UnanswerableQueryException extends TriggerFailure {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** @param parameter the query parameter, as Airflow names it ({@code updated_at_gte}) */
    public UnanswerableQueryException(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    /** The parameter that cannot be answered, as Airflow names it. */
    public String parameter() {
        return parameter;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
