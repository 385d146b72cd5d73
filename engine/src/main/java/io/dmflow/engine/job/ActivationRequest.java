package io.dmflow.engine.job;

import java.util.List;

public record ActivationRequest(
        String type,
        String worker,
        long timeout,
        int maxJobsToActivate,
        List<String> fetchVariable,
        long requestTimeout,
        List<String> tenantIds) {}
