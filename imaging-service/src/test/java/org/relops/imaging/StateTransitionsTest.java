package org.relops.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relops.support.state.IllegalTransitionException;

/** Machines and provisioning operations change state only along their transition tables. */
class StateTransitionsTest {

    @Test
    void shouldRefuseToBootAMachineThatIsBeingDestroyed() {
        Machine machine = new Machine();
        machine.hostname = "talos-0001";
        machine.moveTo(MachineState.PROVISIONING);
        machine.moveTo(MachineState.BOOTED);
        machine.moveTo(MachineState.DESTROYING);

        assertThrows(IllegalTransitionException.class, () -> machine.moveTo(MachineState.BOOTED));
        assertEquals(MachineState.DESTROYING, machine.state);
        machine.moveTo(MachineState.DESTROYED);
        machine.moveTo(MachineState.PROVISIONING);
    }

    @Test
    void shouldNeverStartAnOperationAgainOnceItEnded() {
        ProvisioningOperation operation = new ProvisioningOperation();
        operation.moveTo(OperationState.PENDING);
        operation.moveTo(OperationState.LAUNCHING);
        operation.finish(OperationState.CANCELLED, "decommissioned");

        assertThrows(IllegalTransitionException.class, () -> operation.moveTo(OperationState.BOOTING));
        assertThrows(IllegalTransitionException.class, () -> operation.finish(OperationState.FAILED, "late"));
        assertEquals(OperationState.CANCELLED, operation.state);
        assertEquals("decommissioned", operation.reason);
    }
}
