/**
 * Machinery shared by the bundled formats (JSON plumbing, grouping indexes, spill buckets, atomic
 * output). Not exported to users: it may change in any release.
 */
package dev.labelport.internal;
