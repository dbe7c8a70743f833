package io.github.mwaatrigger.trigger;

/**
 * Which runs of a DAG to list: a page of them, newest first.
 *
 * @param limit  the most runs to return, at least 1
 * @param offset how many matching runs to skip, at least 0
 */
public record DagRunListQuery(int limit, int offset) {

    public DagRunListQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, got " + offset);
        }
    }
}
