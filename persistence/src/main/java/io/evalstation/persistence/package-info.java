/**
 * Evalstation's PostgreSQL: migrations, jOOQ, the embedded default, repositories, importers,
 * analytics queries, exports and the live change feed. No JavaFX.
 */
package io.evalstation.persistence;
