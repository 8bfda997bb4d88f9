/**
 * The live ops dashboard: a read model of one RelOps environment, built at start from the services' APIs, kept
 * current by the events on a queue of its own, and pushed to browsers as server-sent events.
 */
package org.relops.dashboard;
