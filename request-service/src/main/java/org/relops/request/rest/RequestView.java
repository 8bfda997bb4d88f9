package org.relops.request.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.relops.model.value.PlacementConstraints;
import org.relops.request.ProvisioningRequest;
import org.relops.request.RequestState;

/** A request as the API shows it, with its machines. */
public record RequestView(
        String id,
        String image,
        String imageVersion,
        int count,
        String appEnvironment,
        PlacementConstraints constraints,
        RequestState state,
        String reason,
        OffsetDateTime createdAt,
        OffsetDateTime stateChangedAt,
        List<MachineView> machines) {

    static RequestView of(ProvisioningRequest request) {
        return new RequestView(request.id, request.image, request.imageVersion, request.count, request.appEnvironment,
                request.constraints(), request.state, request.reason, request.createdAt, request.stateChangedAt,
                request.machines.stream().map(MachineView::of).toList());
    }
}
