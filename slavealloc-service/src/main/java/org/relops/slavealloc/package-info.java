/**
 * slavealloc-service: the buildbot slave allocator. It owns pools, masters, slaves, their lookup tables
 * and tac templates, and decides which master each slave attaches to; slaves fetch their buildbot.tac
 * from it at every boot. It learns of relops' machines only from events and never reads another
 * service's data.
 */
package org.relops.slavealloc;
