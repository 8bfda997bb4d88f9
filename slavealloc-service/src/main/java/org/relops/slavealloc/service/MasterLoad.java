package org.relops.slavealloc.service;

/** A master a slave could go to, and how many slaves of that slave's silo are attached to it already. */
public record MasterLoad(int masterId, String nickname, long siloSlaves) {
}
