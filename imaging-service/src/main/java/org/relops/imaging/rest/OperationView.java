package org.relops.imaging.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.relops.imaging.OperationKind;
import org.relops.imaging.OperationState;
import org.relops.imaging.ProvisioningOperation;

/** A provisioning operation as the API shows it (never its boot token). */
public record OperationView(
        UUID id,
        OperationKind kind,
        OperationState state,
        String image,
        int imageVersion,
        String imageDigest,
        String role,
        String address,
        String reason,
        String diskState,
        Integer diskBoots,
        String bootId,
        String tacState,
        OffsetDateTime createdAt,
        OffsetDateTime launchedAt,
        OffsetDateTime bootedAt,
        OffsetDateTime lastHeartbeatAt,
        OffsetDateTime finishedAt) {

    static OperationView of(ProvisioningOperation op) {
        return new OperationView(op.id, op.kind, op.state, op.imageName, op.imageVersion, op.imageDigest, op.role,
                op.address, op.reason, op.diskState, op.diskBoots, op.bootId, op.tacState, op.createdAt, op.launchedAt,
                op.bootedAt, op.lastHeartbeatAt, op.finishedAt);
    }
}
