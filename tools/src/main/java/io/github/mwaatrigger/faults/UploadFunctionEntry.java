package io.github.mwaatrigger.faults;

import io.github.mwaatrigger.config.Environment;
import io.github.mwaatrigger.config.MwaaServices;
import io.github.mwaatrigger.config.UploadFunctionSettings;
import io.github.mwaatrigger.faults.Attempt.Kind;
import io.github.mwaatrigger.handler.S3UploadHandler;
import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** {@code S3UploadFunction} with {@code events/s3-put.json}; variants name other objects. */
final class UploadFunctionEntry extends FunctionEntry {

    private static final String FILE_NAME = "sales+report+2024-06-01";

    UploadFunctionEntry(SamTemplate template, Path events) throws IOException {
        super(template, "S3UploadFunction", events.resolve("s3-put.json"));
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public SuiteEvent event(int index) {
        String suffix = index == 0 ? "" : "-" + index;
        String payload = index == 0 ? sample() : sampleWith(FILE_NAME + ".csv", FILE_NAME + suffix + ".csv");
        return new SuiteEvent(payload, "key", "\"incoming/daily/sales report 2024-06-01" + suffix + ".csv\"");
    }

    @Override
    Object handler(Environment environment) {
        return new S3UploadHandler(UploadFunctionSettings.from(environment, System.getProperties()),
                MwaaServices::create, Clock.systemUTC());
    }

    @Override
    Attempt answer(Object result) {
        String summary = Json.parse(String.valueOf(result)) instanceof JsonString text ? text.value()
                : String.valueOf(result);
        if (summary.startsWith("1 objects: 1 created")) {
            return new Attempt(Kind.SUCCEEDED, "CREATED");
        }
        if (summary.startsWith("1 objects: 0 created, 1 already existed")) {
            return new Attempt(Kind.SUCCEEDED, "ALREADY_EXISTED");
        }
        return new Attempt(Kind.SUCCEEDED, summary);
    }
}
