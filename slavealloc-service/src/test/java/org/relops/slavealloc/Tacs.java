package org.relops.slavealloc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a buildbot.tac the way tests need to: the master host it points at. */
public final class Tacs {

    private static final Pattern HOST = Pattern.compile("(?m)^buildmaster_host = '([^']*)'$");

    private Tacs() {
    }

    public static String masterHost(String tac) {
        Matcher host = HOST.matcher(tac);
        if (!host.find()) {
            throw new AssertionError("tac names no buildmaster_host:\n" + tac);
        }
        return host.group(1);
    }
}
