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

    @Test
    void shouldNeverRestartAHaltedRolloutOrSkipItsFirstWave() {
        Rollout rollout = new Rollout();
        rollout.moveTo(RolloutState.FIRST_WAVE, null);
        rollout.moveTo(RolloutState.HALTED, "first wave failed");

        assertThrows(IllegalTransitionException.class, () -> rollout.moveTo(RolloutState.SECOND_WAVE, null));
        assertEquals(RolloutState.HALTED, rollout.state);
        Rollout other = new Rollout();
        other.moveTo(RolloutState.FIRST_WAVE, null);
        other.moveTo(RolloutState.SECOND_WAVE, null);
        assertThrows(IllegalTransitionException.class, () -> other.moveTo(RolloutState.HALTED, "late"));
        other.moveTo(RolloutState.COMPLETED, null);
    }

    @Test
    void shouldNotTakeBackAMachineThatFailedItsRollout() {
        RolloutMachine member = new RolloutMachine();
        member.moveTo(RolloutMachineState.WAITING, null);
        member.moveTo(RolloutMachineState.REIMAGING, null);
        member.moveTo(RolloutMachineState.FAILED, "died");

        assertThrows(IllegalTransitionException.class, () -> member.moveTo(RolloutMachineState.HEALTHY, null));
        assertEquals("died", member.reason);
    }
}
