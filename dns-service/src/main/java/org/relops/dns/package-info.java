/**
 * dns-service: owns one RelOps environment's DNS zone and its reverse zones, and their records. It
 * follows machines (booted, decommissioned) and service aliases, serves the zones authoritatively over
 * UDP and TCP, accepts TSIG-signed dynamic updates and transfers the zones to secondaries. It never
 * reads another service's data; machines reach it only as events.
 */
package org.relops.dns;
