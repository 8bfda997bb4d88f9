package org.relops.inventory.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.relops.inventory.Identity;
import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.Volume;
import org.relops.model.value.Hostname;
import org.relops.model.value.Location;

/**
 * Checks an inventory file system by system: names unique DNS labels, a known provider with the
 * identity it needs, a whole location, distinct MACs, secret references in a known scheme.
 */
final class InventoryFileValidator {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern SECRET_REF = Pattern.compile("(vault:[A-Za-z0-9._/-]+|env:[A-Z_][A-Z0-9_]*)");
    private static final Set<SystemState> FILE_STATES =
            Set.of(SystemState.FREE, SystemState.QUARANTINED, SystemState.RETIRED);

    private InventoryFileValidator() {
    }

    static List<String> problems(InventoryFile file) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> macs = new HashMap<>();
        for (int i = 0; i < file.systems().size(); i++) {
            SystemSpec system = file.systems().get(i);
            String where = "systems[" + i + "]" + (system.name() == null ? "" : " (" + system.name() + ")");
            if (system.name() == null || !Hostname.isValid(system.name())
                    || !system.name().equals(system.name().toLowerCase(Locale.ROOT))) {
                problems.add(where + ": name must be a lower-case DNS label");
            } else if (!names.add(system.name())) {
                problems.add(where + ": name is used twice");
            }
            checkProvider(system, where, problems);
            if (blank(system.hardwareClass())) {
                problems.add(where + ": hardwareClass is missing");
            }
            checkLocation(system.location(), where, problems);
            checkVolumes(system.volumes(), where, problems);
            boolean knownState = system.state() == null
                    || SystemState.fromLabel(system.state()).filter(FILE_STATES::contains).isPresent();
            if (!knownState) {
                problems.add(where + ": state must be free, quarantined or retired, not '" + system.state() + "'");
            }
            String mac = system.identity().mac();
            if (mac != null) {
                String normalised = mac.toLowerCase(Locale.ROOT);
                String other = macs.putIfAbsent(normalised, where);
                if (other != null) {
                    problems.add(where + ": MAC " + normalised + " is already used by " + other);
                }
            }
        }
        return problems;
    }

    /** The file with MACs in lower case, as they are stored and compared. */
    static InventoryFile normalised(InventoryFile file) {
        return new InventoryFile(file.systems().stream().map(system -> {
            Identity identity = system.identity();
            String mac = identity.mac() == null ? null : identity.mac().toLowerCase(Locale.ROOT);
            return new SystemSpec(system.name(), system.provider().toLowerCase(Locale.ROOT),
                    new Identity(mac, identity.bmcAddress(), identity.libvirtUri(), identity.instanceId(),
                            identity.region(), identity.secretRef()),
                    system.hardwareClass(), system.location(), system.environment(), system.volumes(),
                    system.state() == null ? null : system.state().toLowerCase(Locale.ROOT));
        }).toList());
    }

    private static void checkProvider(SystemSpec system, String where, List<String> problems) {
        Provider provider = system.provider() == null ? null : Provider.fromLabel(system.provider()).orElse(null);
        if (provider == null) {
            problems.add(where + ": provider must be one of qemu, libvirt, ec2, baremetal, not '"
                    + system.provider() + "'");
            return;
        }
        Identity identity = system.identity();
        if (identity.mac() != null && !MAC.matcher(identity.mac().toLowerCase(Locale.ROOT)).matches()) {
            problems.add(where + ": identity.mac '" + identity.mac() + "' is not a MAC address (52:54:00:12:34:56)");
        }
        if (identity.secretRef() != null && !SECRET_REF.matcher(identity.secretRef()).matches()) {
            problems.add(where + ": identity.secretRef must be vault:<path> or env:<NAME>");
        }
        switch (provider) {
            case QEMU, LIBVIRT -> require(identity.mac(), "identity.mac", provider, where, problems);
            case EC2 -> require(identity.region(), "identity.region", provider, where, problems);
            case BAREMETAL -> {
                require(identity.mac(), "identity.mac", provider, where, problems);
                require(identity.bmcAddress(), "identity.bmcAddress", provider, where, problems);
                require(identity.secretRef(), "identity.secretRef", provider, where, problems);
            }
            default -> throw new IllegalStateException("unknown provider " + provider);
        }
    }

    private static void require(String value, String field, Provider provider, String where, List<String> problems) {
        if (blank(value)) {
            problems.add(where + ": a " + provider.label() + " system needs " + field);
        }
    }

    private static void checkLocation(Location location, String where, List<String> problems) {
        if (location == null || blank(location.datacenter()) || blank(location.row()) || blank(location.rack())) {
            problems.add(where + ": location needs datacenter, row and rack");
        }
    }

    private static void checkVolumes(List<Volume> volumes, String where, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (Volume volume : volumes) {
            if (volume.name() == null || !Hostname.isValid(volume.name())) {
                problems.add(where + ": volume name '" + volume.name() + "' must be a lower-case label");
            } else if (!names.add(volume.name())) {
                problems.add(where + ": volume '" + volume.name() + "' is listed twice");
            }
            if (volume.sizeGb() <= 0) {
                problems.add(where + ": volume '" + volume.name() + "' needs a positive sizeGb");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
