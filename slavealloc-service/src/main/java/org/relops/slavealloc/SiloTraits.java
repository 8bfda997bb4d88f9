package org.relops.slavealloc;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** What makes slaves interchangeable besides their environment: distro, bits, speed, purpose, datacenter, trust. */
@Embeddable
public class SiloTraits {

    @Column(name = "distroid")
    public int distroId;

    @Column(name = "bitsid")
    public int bitsId;

    @Column(name = "speedid")
    public int speedId;

    @Column(name = "purposeid")
    public int purposeId;

    @Column(name = "dcid")
    public int dcId;

    @Column(name = "trustid")
    public int trustId;

    public SiloTraits copy() {
        SiloTraits copy = new SiloTraits();
        copy.distroId = distroId;
        copy.bitsId = bitsId;
        copy.speedId = speedId;
        copy.purposeId = purposeId;
        copy.dcId = dcId;
        copy.trustId = trustId;
        return copy;
    }

    /** The silo of slaves with these traits in an environment. */
    public Silo in(int envId) {
        return new Silo(distroId, bitsId, speedId, purposeId, dcId, trustId, envId);
    }
}
