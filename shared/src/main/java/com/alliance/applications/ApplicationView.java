package com.alliance.applications;

import com.alliance.samples.SampleRecord;
import java.util.Objects;
import java.util.Optional;

/** An application as its brand reviews it: with the host's record of samples and trust, when it could be read. */
public record ApplicationView(Application application, Optional<SampleRecord> hostRecord) {

    public ApplicationView {
        Objects.requireNonNull(application);
        Objects.requireNonNull(hostRecord);
    }
}
