package org.relops.inventory.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.relops.inventory.Identity;
import org.relops.inventory.Nic;
import org.relops.inventory.Provider;
import org.relops.inventory.SystemState;
import org.relops.inventory.Volume;
import org.relops.model.value.Hostname;
import org.relops.model.value.Location;

/**
 * Checks an inventory file: its segments ({@link SegmentValidator}), then system by system names unique
 * DNS labels, a known provider with the identity it needs, a whole location, and a NIC on a segment
 * ({@link NicValidator}). Checked against what the inventory holds, it can tell a segment the file drops
 * from one it never had.
 */
public final class InventoryFileValidator {

    private static final Pattern SECRET_REF = Pattern.compile("(vault:[A-Za-z0-9._/-]+|env:[A-Z_][A-Z0-9_]*)");
    private static final Set<SystemState> FILE_STATES =
            Set.of(SystemState.FREE, SystemState.QUARANTINED, SystemState.RETIRED);

    private InventoryFileValidator() {
    }

    /**
     * The file as it is stored and compared (MACs in lower case, addresses and CIDRs written the usual
     * way, every NIC's segment filled in); throws {@link InvalidInventoryFileException} listing every
     * problem.
     */
    public static InventoryFile validated(InventoryFile file, StoredNetwork stored) {
        List<String> problems = new ArrayList<>();
        Map<String, CheckedSegment> segments = SegmentValidator.check(file.segments(), problems);
        NicValidator nics = new NicValidator(segments, stored, problems);
        Set<String> names = new HashSet<>();
        List<SystemSpec> systems = new ArrayList<>();
        for (int i = 0; i < file.systems().size(); i++) {
            SystemSpec system = file.systems().get(i);
            String where = "systems[" + i + "]" + (system.name() == null ? "" : " (" + system.name() + ")");
            if (system.name() == null || !Hostname.isValid(system.name())
                    || !system.name().equals(system.name().toLowerCase(Locale.ROOT))) {
                problems.add(where + ": name must be a lower-case DNS label");
            } else if (!names.add(system.name())) {
                problems.add(where + ": name is used twice");
            }
            Provider provider = checkProvider(system, where, problems);
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
            Nic nic = nics.check(system, provider, where);
            systems.add(normalised(system, nic));
        }
        nics.finish();
        if (!problems.isEmpty()) {
            throw new InvalidInventoryFileException(problems);
        }
        return new InventoryFile(file.segments().stream().map(segment -> normalised(segment, segments)).toList(),
                systems);
    }

    private static SystemSpec normalised(SystemSpec system, Nic nic) {
        String provider = system.provider() == null ? null : system.provider().toLowerCase(Locale.ROOT);
        String state = system.state() == null ? null : system.state().toLowerCase(Locale.ROOT);
        return new SystemSpec(system.name(), provider, nic, system.identity(), system.hardwareClass(),
                system.location(), system.environment(), system.volumes(), state);
    }

    private static SegmentSpec normalised(SegmentSpec segment, Map<String, CheckedSegment> checked) {
        CheckedSegment valid = checked.get(segment.name());
        return new SegmentSpec(segment.name(), valid.network().toString(), valid.gateway().toString(),
                segment.serves());
    }

    private static Provider checkProvider(SystemSpec system, String where, List<String> problems) {
        Provider provider = system.provider() == null ? null : Provider.fromLabel(system.provider()).orElse(null);
        if (provider == null) {
            problems.add(where + ": provider must be one of " + String.join(", ", labels()) + ", not '"
                    + system.provider() + "'");
            return null;
        }
        Identity identity = system.identity();
        if (identity.secretRef() != null && !SECRET_REF.matcher(identity.secretRef()).matches()) {
            problems.add(where + ": identity.secretRef must be vault:<path> or env:<NAME>");
        }
        switch (provider) {
            case EC2 -> require(identity.region(), "identity.region", provider, where, problems);
            case BAREMETAL -> {
                require(identity.bmcAddress(), "identity.bmcAddress", provider, where, problems);
                require(identity.secretRef(), "identity.secretRef", provider, where, problems);
            }
            case QEMU, LIBVIRT, SIMULATED -> {
                // their NIC is all they need; NicValidator checks it
            }
            default -> throw new IllegalStateException("unknown provider " + provider);
        }
        return provider;
    }

    private static List<String> labels() {
        return Arrays.stream(Provider.values()).map(Provider::label).toList();
    }

    private static void require(String value, String field, Provider provider, String where, List<String> problems) {
        if (blank(value)) {
            problems.add(where + ": " + provider.aSystem() + " needs " + field);
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
