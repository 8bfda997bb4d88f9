package org.relops.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relops.support.state.IllegalTransitionException;

/** Requests and machines change state only along their transition tables; anything else is refused unapplied. */
class StateTransitionsTest {

    @Test
    void shouldTakeARequestThroughItsLifeAndRefuseToFulfilADecommissionedOne() {
        ProvisioningRequest request = new ProvisioningRequest();
        request.id = "req-1";
        for (RequestState state : new RequestState[] {RequestState.SUBMITTED, RequestState.PLACING,
                RequestState.PROVISIONING, RequestState.FULFILLED, RequestState.PROVISIONING, RequestState.FULFILLED,
                RequestState.DECOMMISSIONING, RequestState.DECOMMISSIONED}) {
            request.moveTo(state, null);
        }

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> request.moveTo(RequestState.FULFILLED, null));
        assertTrue(refused.getMessage().startsWith("request req-1 cannot go from DECOMMISSIONED to FULFILLED"),
                refused.getMessage());
        assertEquals(RequestState.DECOMMISSIONED, request.state, "a refused transition is not applied");
    }

    @Test
    void shouldRefuseToMakeAFailedMachineReady() {
        Machine machine = new Machine();
        machine.hostname = "talos-0001";
        machine.moveTo(MachineState.PENDING, null);
        machine.moveTo(MachineState.BOOTED, null);
        machine.moveTo(MachineState.FAILED, "boom");

        assertThrows(IllegalTransitionException.class, () -> machine.moveTo(MachineState.READY, null));
        assertEquals(MachineState.FAILED, machine.state);
        assertEquals("boom", machine.reason);
        machine.moveTo(MachineState.DECOMMISSIONING, null);
    }
}
