package org.relops.dns.server;

import org.xbill.DNS.Rcode;

/** A dynamic update that must not be applied, with the response code that says why (RFC 2136). */
public class UpdateRefusedException extends Exception {

    private final int rcode;

    public UpdateRefusedException(int rcode, String reason) {
        super(Rcode.string(rcode) + ": " + reason);
        this.rcode = rcode;
    }

    public int rcode() {
        return rcode;
    }
}
