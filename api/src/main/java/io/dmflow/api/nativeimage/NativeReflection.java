package io.dmflow.api.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The dmflow types Jackson reads or writes, registered for reflection so that a native executable keeps their
 * constructors, accessors and fields. Quarkus finds the types of REST method signatures itself, but not what a
 * resource hands to {@code Response.entity(..)}, what an exception mapper or an {@code ObjectMapper} writes, nor the
 * types nested inside them. {@code NativeReflectionTest} finds these in the compiled classes and fails when one is
 * missing here. Names rather than class literals: several are nested records not visible from this package.
 */
@RegisterForReflection(
        classNames = {
            "io.dmflow.api.access.TokenView",
            "io.dmflow.api.access.UserView",
            "io.dmflow.api.access.WhoAmIResource$CallerView",
            "io.dmflow.api.bootstrap.BootstrapConfigurationRequest",
            "io.dmflow.api.bootstrap.BootstrapConfigurationRequest$Entry",
            "io.dmflow.api.bootstrap.BootstrapConfigurationView",
            "io.dmflow.api.bootstrap.BootstrapConfigurationView$Entry",
            "io.dmflow.api.bootstrap.BootstrapConfigurationView$LastSession",
            "io.dmflow.api.bootstrap.ServerRequest",
            "io.dmflow.api.bootstrap.ServerView",
            "io.dmflow.api.device.DevicePage",
            "io.dmflow.api.device.DeviceState",
            "io.dmflow.api.device.DeviceView",
            "io.dmflow.api.execution.ExecutionResource$LogLine",
            "io.dmflow.api.execution.ExecutionView",
            "io.dmflow.api.execution.ExecutionView$ActiveElement",
            "io.dmflow.api.execution.ExecutionView$StatusChange",
            "io.dmflow.api.group.GroupView",
            "io.dmflow.api.observation.DeviceValueView",
            "io.dmflow.api.observation.ObservationResource$ObservationView",
            "io.dmflow.api.paging.Page",
            "io.dmflow.api.problem.Problem",
            "io.dmflow.api.problem.Problem$ProblemError",
            "io.dmflow.api.property.EffectiveProperties$Origin",
            "io.dmflow.api.resource.ResourceView",
            "io.dmflow.api.security.CredentialRequest",
            "io.dmflow.api.security.CredentialView",
            "io.dmflow.api.task.TaskRuns$Run",
            "io.dmflow.api.task.TaskSummary",
            "io.dmflow.api.task.TaskView",
            "io.dmflow.api.task.TaskView$Target",
            "io.dmflow.api.template.TemplateView",
            "io.dmflow.api.userprocess.ProcessView",
        })
public final class NativeReflection {

    private NativeReflection() {}
}
