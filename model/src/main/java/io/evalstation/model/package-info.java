/**
 * Evalstation's domain: sessions, tasks, metrics, predictions, registries and cluster state, as
 * plain records and enums. No JavaFX, no JDBC, no I/O.
 */
package io.evalstation.model;
