package org.relops.imaging.provider.baremetal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.relops.imaging.config.ImagingConfig;
import org.relops.imaging.provider.BootSpec;
import org.relops.imaging.provider.Launch;
import org.relops.imaging.provider.Provider;
import org.relops.imaging.provider.ProviderException;
import org.relops.imaging.provider.ProviderMachine;
import org.relops.imaging.secret.SecretException;
import org.relops.imaging.secret.SecretStore;

/**
 * Bare-metal hosts behind their BMCs ({@code baremetal}). A launch sets the next boot to PXE (read back),
 * then powers the host on, or cycles it if it runs: the host network-boots on its rack segment through
 * imaging-service's DHCP and iPXE and phones home like any machine. A destroy powers it off. Its persistent
 * volume is its own disk: it stays with the host. A running host is watched through its BMC's power state (a
 * host powered off behind relops' back fails); a BMC that stops answering fails nothing by itself, the
 * host's heartbeats tell whether it runs. The BMC's address and secret reference come from the inventory
 * ({@code identity.bmcAddress}, {@code identity.secretRef}); the credentials are read from the secret store
 * at each use and appear nowhere else.
 */
@ApplicationScoped
public class BaremetalProvider implements Provider {

    public static final String KIND = "baremetal";
    private static final Logger LOG = Logger.getLogger(BaremetalProvider.class);

    @Inject
    ImagingConfig config;

    @Inject
    SecretStore secrets;

    /** When each host's power state was last read, so that the watchdog's frequent checks cost one BMC call in a while. */
    private final Map<String, Long> lastPowerRead = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Launch launch(BootSpec spec) {
        IpmiTool bmc = bmcOf(spec.machine());
        bmc.bootFromNetwork();
        bmc.powerOnOrCycle();
        lastPowerRead.put(spec.hostname(), System.nanoTime());
        LOG.infof("%s powered on through BMC %s to PXE-boot (%s, %s on segment %s)", spec.hostname(),
                bmcAddressOf(spec.machine()), spec.mac(), spec.network().address(), spec.network().segment());
        return new Launch.AwaitingPhoneHome();
    }

    @Override
    public boolean destroy(ProviderMachine machine, boolean wipeVolumes) {
        bmcOf(machine).powerOff();
        lastPowerRead.remove(machine.hostname());
        // Its volume is the host's own disk, which only the host itself can clear: that is the wipe step
        // (wipesByBooting), done before this; powering off wipes nothing.
        LOG.infof("%s powered off through BMC %s", machine.hostname(), bmcAddressOf(machine));
        return false;
    }

    @Override
    public Optional<Duration> networkBootDeadline() {
        return Optional.of(config.baremetal().networkBootDeadline());
    }

    @Override
    public boolean wipesByBooting() {
        return true;
    }

    @Override
    public void bootWipeStep(ProviderMachine machine) {
        IpmiTool bmc = bmcOf(machine);
        bmc.bootFromNetwork();
        bmc.powerOnOrCycle();
        LOG.infof("%s powered on through BMC %s to PXE-boot its wipe step", machine.hostname(),
                bmcAddressOf(machine));
    }

    @Override
    public void stop(ProviderMachine machine) {
        bmcOf(machine).powerOff();
        lastPowerRead.remove(machine.hostname());
    }

    @Override
    public Optional<String> failure(ProviderMachine machine) {
        Duration interval = config.baremetal().powerPollInterval();
        Long last = lastPowerRead.get(machine.hostname());
        long now = System.nanoTime();
        if (last != null && now - last < interval.toNanos()) {
            return Optional.empty();
        }
        lastPowerRead.put(machine.hostname(), now);
        try {
            if (quickBmcOf(machine).power() == IpmiTool.Power.OFF) {
                return Optional.of("host " + machine.systemName() + " is powered off: its BMC "
                        + bmcAddressOf(machine) + " reports power off, and relops did not power it off");
            }
        } catch (ProviderException e) {
            LOG.warnf("cannot read the power state of %s: %s", machine.hostname(), e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public boolean sendsHeartbeats() {
        return true;
    }

    private IpmiTool bmcOf(ProviderMachine machine) {
        ImagingConfig.Baremetal settings = config.baremetal();
        return bmcOf(machine, new IpmiTool.Settings(settings.ipmitool(), settings.commandTimeout(),
                settings.retryFor(), settings.retryPause()));
    }

    /** For the watchdog's power polls: one try, no retries (the next poll is the retry). */
    private IpmiTool quickBmcOf(ProviderMachine machine) {
        ImagingConfig.Baremetal settings = config.baremetal();
        return bmcOf(machine, new IpmiTool.Settings(settings.ipmitool(), settings.commandTimeout(), Duration.ZERO,
                Duration.ZERO));
    }

    private IpmiTool bmcOf(ProviderMachine machine, IpmiTool.Settings settings) {
        String address = bmcAddressOf(machine);
        try {
            return new IpmiTool(settings, address,
                    secrets.credentials(machine.providerIdentity().get("secretRef")));
        } catch (SecretException e) {
            throw new ProviderException("the credentials of BMC " + address + " (" + machine.systemName() + "): "
                    + e.getMessage());
        }
    }

    private static String bmcAddressOf(ProviderMachine machine) {
        String address = machine.providerIdentity().get("bmcAddress");
        if (address == null || address.isBlank()) {
            throw new ProviderException("bare-metal system " + machine.systemName()
                    + " has no BMC address (inventory: identity.bmcAddress)");
        }
        return address;
    }
}
