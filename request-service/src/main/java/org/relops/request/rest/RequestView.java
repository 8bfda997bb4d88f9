package org.relops.request.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.model.value.PlacementConstraints;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;
import org.relops.request.service.ProgressNarrator;

/**
 * A request as the API shows it: what was asked, where it is, what it is waiting for and since
 * when, whether it is stuck past its deadline, the last error, and its machines.
 */
public record RequestView(
        String id,
        String image,
        Integer imageVersion,
        int count,
        String appEnvironment,
        PlacementConstraints constraints,
        RequestState state,
        String step,
        long secondsInState,
        boolean stuck,
        String reason,
        OffsetDateTime createdAt,
        OffsetDateTime stateChangedAt,
        String requestedVia,
        String requestedBy,
        List<MachineView> machines) {

    static RequestView of(ProvisioningRequest request, boolean stuck) {
        return new RequestView(request.id, request.image, ImageVersionNumber.of(request.imageVersion), request.count, request.appEnvironment,
                request.constraints(), request.state, ProgressNarrator.stepOf(request),
                MachineView.secondsSince(request.stateChangedAt), stuck, request.reason, request.createdAt,
                request.stateChangedAt, request.requestedVia, request.requestedBy,
                request.machines.stream().map(MachineView::of).toList());
    }
}
