package io.github.mwaatrigger.handler;

import io.github.mwaatrigger.uploads.ObjectUpload;
import java.util.List;

/**
 * What one upload event holds: the uploads it was read into, and the objects it names that could not be
 * read (each saying why), which fail the invocation once the others were tried.
 */
record UploadBatch(List<ObjectUpload> uploads, List<String> unreadable) {

    UploadBatch {
        uploads = List.copyOf(uploads);
        unreadable = List.copyOf(unreadable);
    }

    static UploadBatch empty() {
        return new UploadBatch(List.of(), List.of());
    }
}
